package io.reelay.local;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Puts one video through the running stack the way a user would, and shows how it goes. */
final class SampleJob {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    private static final Duration DEADLINE = Duration.ofMinutes(30);

    private SampleJob() {
    }

    /**
     * The job the launcher submits: one HLS output with fMP4 segments, a three-rung ladder, into the outputs
     * bucket under {@code prefix}.
     */
    static ObjectNode request(String referenceId, String sourceBucket, String sourceKey, String prefix) {
        ObjectNode job = JsonNodeFactory.instance.objectNode();
        job.put("referenceId", referenceId);
        job.putObject("source").put("bucket", sourceBucket).put("key", sourceKey);
        ObjectNode output = job.putArray("outputs").addObject();
        output.put("outputId", "hls")
                .put("format", "HLS_FMP4")
                .put("videoCodec", "H264")
                .put("audioCodec", "AAC");
        output.putArray("qualities").add("1080p").add("720p").add("480p");
        output.put("segmentSeconds", 4);
        output.putObject("destination").put("bucket", StackProvisioner.OUTPUTS_BUCKET).put("prefix", prefix);
        return job;
    }

    /** Uploads {@code video}, submits it and follows it until it is finished; returns its final state. */
    static JobProgress run(ReelayClient client, Path video, String referenceId, PrintStream out,
                           ProgressDisplay display) throws InterruptedException {
        ReelayClient.Upload upload = client.requestUpload(video.getFileName().toString());
        client.putFile(upload.url(), video);
        out.println("Uploaded " + video + " to s3://" + upload.bucket() + "/" + upload.key());

        String prefix = referenceId + "/" + Instant.now().getEpochSecond();
        String jobId = client.submit(request(referenceId, upload.bucket(), upload.key(), prefix));
        out.println("Submitted job " + jobId + "; outputs go to s3://" + StackProvisioner.OUTPUTS_BUCKET + "/" + prefix);

        Instant deadline = Instant.now().plus(DEADLINE);
        JobProgress latest = new JobProgress(jobId, "QUEUED", List.of(), null);
        display.show(latest);
        while (!latest.finished()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Job " + jobId + " is not finished after " + DEADLINE.toMinutes()
                        + " minutes; the services' logs say why");
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
            Optional<JobProgress> state = poll(client, jobId);
            if (state.isPresent()) {
                latest = state.get();
                display.show(latest);
            }
        }
        return latest;
    }

    /** A reference id (and output prefix) from a file name: letters, digits, dots, dashes and underscores. */
    static String referenceIdOf(Path video) {
        String name = video.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "-");
        return safe.isEmpty() ? "video" : safe;
    }

    private static Optional<JobProgress> poll(ReelayClient client, String jobId) {
        try {
            return client.job(jobId);
        } catch (UncheckedIOException e) {
            // state may be restarting or rebalancing; the deadline bounds how long we keep asking
            return Optional.empty();
        }
    }
}
