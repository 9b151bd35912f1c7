package io.reelay.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelay.encode.core.EncoderPresets;
import io.reelay.encode.core.EncodingProfile;
import io.reelay.encode.core.FfmpegCommand;
import io.reelay.encode.core.SourceFacts;
import io.reelay.events.AudioCodec;
import io.reelay.events.ObjectLocation;
import io.reelay.events.OutputFormat;
import io.reelay.events.OutputPlan;
import io.reelay.events.Rendition;
import io.reelay.events.VideoCodec;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How much the pipeline costs over plain ffmpeg. Encodes a generated 1080p source with the sample job's 3-rung H.264
 * ladder (1080p, 720p, 480p; HLS fMP4, 4 s segments) three ways, one after another on the same machine:
 * <ol>
 *   <li>through the whole local stack: upload, submit, probe, encode, stage, upload, state says COMPLETE;</li>
 *   <li>the encode service's own ffmpeg command ({@link FfmpegCommand}, built from the plan probe made) alone on
 *       local files;</li>
 *   <li>one ffmpeg per rendition, side by side, each decoding the source itself.</li>
 * </ol>
 * Prints the wall times and ratios and writes them to {@code docs/benchmarks.md}. Usage: {@code [--seconds N]}.
 */
public final class PipelineBenchmark {

    private static final int DEFAULT_SECONDS = 60;
    // The encode service's defaults (reelay.encode.*); only the x264 preset matters for an H.264 ladder.
    private static final EncoderPresets SERVICE_PRESETS = new EncoderPresets("veryfast", "veryfast", "good", 4, 10);

    private final PrintStream out = System.out;

    private PipelineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length == 2 && args[0].equals("--seconds") ? Integer.parseInt(args[1]) : DEFAULT_SECONDS;
        new PipelineBenchmark().run(seconds);
        System.exit(0);
    }

    private void run(int seconds) throws Exception {
        ReelayHome home = ReelayHome.locate();
        String loadBefore = loadAverage();
        StackDirectory data = new StackDirectory(home.root().resolve("deploy/bench/target/data")).clear();
        out.printf("Generating a %d s 1080p source ... ", seconds);
        Path source = SampleVideo.generate(data.component("source").resolve("source.mp4"),
                data.logFile("source-ffmpeg"), seconds);
        out.println("done");

        StackPorts ports = freePorts();
        BenchmarkReport.Result pipeline;
        OutputPlan plan;
        LocalStack started = new LocalStack(home, data, ports, LocalStack.newApiKey(), process -> { });
        // Ctrl-C must not leave the broker, the registry and five services running behind
        Runtime.getRuntime().addShutdownHook(new Thread(started::close, "bench-stack-shutdown"));
        try (LocalStack stack = started) {
            out.println("Starting the local stack (not timed) ...");
            stack.start();
            ReelayClient client = new ReelayClient(local(ports.servicePort("ingest-service")),
                    local(ports.servicePort("state-service")), stack.apiKey());
            Instant began = Instant.now();
            JobProgress done = SampleJob.run(client, source, "bench", out, new ProgressDisplay(out, false));
            double wall = Duration.between(began, Instant.now()).toMillis() / 1000.0;
            if (!"COMPLETE".equals(done.status())) {
                throw new IllegalStateException("the benchmark job ended " + done.status() + ": " + done.failure());
            }
            JsonNode output = client.jobState(done.jobId()).orElseThrow().path("outputs").get(0);
            plan = planOf(output.path("renditions"));
            pipeline = new BenchmarkReport.Result("whole pipeline (upload, submit -> COMPLETE)", wall,
                    output.path("usage").path("cpuSeconds").asDouble());
        }

        SourceFacts facts = new SourceFacts("aac", 30.0, seconds);
        Path scratch = data.component("alone");
        List<String> oneProcess = command(source, plan, facts, scratch.resolve("ladder"));
        MeteredRun.Cost alone = MeteredRun.run("ffmpeg-alone", List.of(oneProcess), data.logs());
        List<List<String>> perRendition = new ArrayList<>();
        for (Rendition rendition : plan.getRenditions()) {
            OutputPlan single = OutputPlan.newBuilder(plan).setRenditions(List.of(rendition)).build();
            perRendition.add(command(source, single, facts, scratch.resolve("per-" + rendition.getName())));
        }
        MeteredRun.Cost split = MeteredRun.run("ffmpeg-per-rendition", perRendition, data.logs());

        BenchmarkReport report = new BenchmarkReport(seconds, plan.getRenditions(),
                Runtime.getRuntime().availableProcessors(), loadBefore + " before, " + loadAverage() + " after",
                pipeline,
                new BenchmarkReport.Result("the same ffmpeg command alone on local files", alone.wallSeconds(),
                        alone.cpuSeconds()),
                new BenchmarkReport.Result("one ffmpeg per rendition, side by side", split.wallSeconds(),
                        split.cpuSeconds()));
        out.println();
        out.println(report.table());
        Path docs = Files.createDirectories(home.root().resolve("docs"));
        String shownCommand = String.join(" ", oneProcess).replace(SampleVideo.ffmpegBinary(), "ffmpeg")
                .replace(source.toString(), "source.mp4").replace(scratch.toString(), "<scratch>");
        Files.writeString(docs.resolve("benchmarks.md"), report.markdown(Instant.now(), shownCommand));
        out.println("Written to " + docs.resolve("benchmarks.md"));
    }

    /** The 1-minute load average: whatever else ran on the machine skews every wall time measured. */
    private static String loadAverage() throws IOException {
        Path loadavg = Path.of("/proc/loadavg");
        return Files.isReadable(loadavg) ? Files.readString(loadavg).split(" ")[0] : "unknown";
    }

    private static List<String> command(Path source, OutputPlan plan, SourceFacts facts, Path scratch) throws IOException {
        for (Rendition rendition : plan.getRenditions()) {
            Files.createDirectories(scratch.resolve(rendition.getName()));
        }
        EncodingProfile profile = EncodingProfile.of(plan, facts, SERVICE_PRESETS);
        return FfmpegCommand.forOutput(new FfmpegCommand.Settings(SampleVideo.ffmpegBinary(), SERVICE_PRESETS),
                source.toString(), plan, facts, profile, scratch);
    }

    /** The plan probe made, as state reports it: the ladder with its sizes and bitrates. */
    private static OutputPlan planOf(JsonNode renditions) {
        List<Rendition> ladder = new ArrayList<>();
        for (JsonNode rendition : renditions) {
            ladder.add(new Rendition(rendition.path("name").asText(), rendition.path("width").asInt(),
                    rendition.path("height").asInt(), rendition.path("videoBitrate").asInt(),
                    rendition.path("audioBitrate").asInt()));
        }
        return OutputPlan.newBuilder().setOutputId("hls").setFormat(OutputFormat.HLS_FMP4)
                .setVideoCodec(VideoCodec.H264).setAudioCodec(AudioCodec.AAC).setIncludeAudio(true)
                .setSegmentSeconds(4).setRenditions(ladder).setDestination(new ObjectLocation("local", "bench"))
                .build();
    }

    /** Free ports, so that the benchmark runs beside a local stack on the default ports. */
    private static StackPorts freePorts() throws IOException {
        StackPorts ports = StackPorts.defaults();
        for (String flag : ports.byFlag().keySet()) {
            ports = ports.with(flag, freePort());
        }
        return ports;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static URI local(int port) {
        return URI.create("http://127.0.0.1:" + port);
    }
}
