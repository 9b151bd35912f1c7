package io.reelay.encode.staging;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves one file over HTTP/1.1, honouring {@code Range: bytes=N-}, but closes the connection after at most
 * {@code cutAfter} bytes of every response body: an object store whose connections break mid-read. One request per
 * connection, one connection at a time, as ffmpeg reads a source.
 */
final class CuttingHttpServer implements AutoCloseable {

    private static final Pattern RANGE_START = Pattern.compile("(?i)^range:\\s*bytes=(\\d+)-");

    private final ServerSocket socket;
    private final byte[] body;
    private final int cutAfter;
    private final AtomicInteger cutResponses = new AtomicInteger();
    private final Thread acceptor;

    private CuttingHttpServer(Path file, int cutAfter) throws IOException {
        this.body = Files.readAllBytes(file);
        this.cutAfter = cutAfter;
        this.socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::serve, "cutting-http-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static CuttingHttpServer serve(Path file, int cutAfter) throws IOException {
        return new CuttingHttpServer(file, cutAfter);
    }

    String url() {
        return "http://127.0.0.1:" + socket.getLocalPort() + "/source.mp4";
    }

    /** How many responses ended before the bytes they announced. */
    int cutResponses() {
        return cutResponses.get();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket connection = socket.accept()) {
                respond(connection);
            } catch (IOException closedOrReset) {
                // the server was closed, or the client went away: either way, on to the next connection
            }
        }
    }

    private void respond(Socket connection) throws IOException {
        BufferedReader request = new BufferedReader(new InputStreamReader(connection.getInputStream(),
                StandardCharsets.ISO_8859_1));
        int start = 0;
        for (String line = request.readLine(); line != null && !line.isEmpty(); line = request.readLine()) {
            Matcher range = RANGE_START.matcher(line);
            if (range.find()) {
                start = Integer.parseInt(range.group(1));
            }
        }
        int length = body.length - start;
        String headers = (start == 0 ? "HTTP/1.1 200 OK\r\n" : "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes "
                + start + "-" + (body.length - 1) + "/" + body.length + "\r\n")
                + "Accept-Ranges: bytes\r\nContent-Type: video/mp4\r\nContent-Length: " + length + "\r\n\r\n";
        OutputStream out = connection.getOutputStream();
        out.write(headers.getBytes(StandardCharsets.ISO_8859_1));
        out.write(body, start, Math.min(cutAfter, length));
        out.flush();
        if (cutAfter < length) {
            cutResponses.incrementAndGet();
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
