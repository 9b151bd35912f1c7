package io.reelay.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * One source through the running stack as a user submits it: uploaded through a presigned URL first (not timed),
 * then submitted with a webhook, and timed until the job's final notification arrives. Meanwhile the destination is
 * listed about every {@value #POLL_MILLIS} ms for the first media segment of the first rendition: the moment a
 * player could start.
 */
final class TimedJob {

    private static final long POLL_MILLIS = 100;
    /** Job progress is printed every this many polls. */
    private static final int PROGRESS_EVERY = 10;
    private static final Duration DEADLINE = Duration.ofHours(1);

    /**
     * @param wallSeconds from just before the submission to the arrival of the final webhook
     * @param firstSegmentSeconds from the same start until the first rendition's first segment was seen delivered
     * @param output the job's (only) output as the state service reports it at the end
     */
    record Timing(String jobId, double wallSeconds, double firstSegmentSeconds, JsonNode output) {
    }

    private TimedJob() {
    }

    static Timing run(ReelayClient client, S3Client s3, WebhookClock webhooks, Path source, String referenceId,
                      PrintStream out) throws InterruptedException {
        ReelayClient.Upload upload = client.requestUpload(source.getFileName().toString());
        client.putFile(upload.url(), source);

        String prefix = referenceId + "/" + Instant.now().getEpochSecond();
        ObjectNode request = SampleJob.request(referenceId, upload.bucket(), upload.key(), prefix);
        request.put("webhookUrl", webhooks.url());
        String firstRendition = request.path("outputs").get(0).path("qualities").get(0).asText();
        String firstSegments = prefix + "/" + firstRendition + "/seg_";

        long submitted = System.nanoTime();
        String jobId = client.submit(request);
        out.println("Submitted job " + jobId + " (" + source.getFileName() + "); timing until its final webhook");
        ProgressDisplay progress = new ProgressDisplay(out, false);
        long firstSegment = 0;
        long deadline = submitted + DEADLINE.toNanos();
        for (int poll = 0; ; poll++) {
            // the listing comes before the webhook check: a segment seen here was there before the job's end
            if (firstSegment == 0 && delivered(s3, firstSegments)) {
                firstSegment = System.nanoTime();
            }
            WebhookClock.Arrival arrival = webhooks.finalOf(jobId).orElse(null);
            if (arrival != null) {
                return finished(client, jobId, arrival, submitted, firstSegment);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("No final webhook for job " + jobId + " after " + DEADLINE.toMinutes()
                        + " minutes; the services' logs say why");
            }
            if (poll % PROGRESS_EVERY == 0) {
                showProgress(client, jobId, progress);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    private static Timing finished(ReelayClient client, String jobId, WebhookClock.Arrival arrival, long submitted,
                                   long firstSegment) {
        if (!"COMPLETE".equals(arrival.status())) {
            throw new IllegalStateException("Job " + jobId + " ended " + arrival.status() + " (" + arrival.event()
                    + "): " + client.jobState(jobId).map(JsonNode::toString).orElse("no state"));
        }
        if (firstSegment == 0) {
            throw new IllegalStateException("Job " + jobId + " completed but no segment was seen in its destination");
        }
        JsonNode output = client.jobState(jobId).orElseThrow().path("outputs").get(0);
        return new Timing(jobId, (arrival.nanoTime() - submitted) / 1e9, (firstSegment - submitted) / 1e9, output);
    }

    private static boolean delivered(S3Client s3, String keyPrefix) {
        return s3.listObjectsV2(list -> list.bucket(StackProvisioner.OUTPUTS_BUCKET).prefix(keyPrefix).maxKeys(1))
                .keyCount() > 0;
    }

    private static void showProgress(ReelayClient client, String jobId, ProgressDisplay progress) {
        try {
            client.job(jobId).ifPresent(progress::show);
        } catch (UncheckedIOException e) {
            // progress is only shown; the webhook decides when the job is over
        }
    }
}
