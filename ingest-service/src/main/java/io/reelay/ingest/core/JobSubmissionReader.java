package io.reelay.ingest.core;

import io.reelay.events.AudioCodec;
import io.reelay.events.JobRequested;
import io.reelay.events.ObjectLocation;
import io.reelay.events.OutputFormat;
import io.reelay.events.OutputRequest;
import io.reelay.events.RenditionRequest;
import io.reelay.events.ThumbnailsRequest;
import io.reelay.events.VideoCodec;
import io.reelay.events.Watermark;
import io.reelay.events.WebhookEvents;
import io.reelay.webhook.WebhookTargets;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a submission into a {@link JobRequested}, or rejects it with every problem it has. Reading and checking are
 * one pass so that a field is interpreted exactly once, the same way for the check and for the event.
 */
public final class JobSubmissionReader {

    static final int MAX_OUTPUTS = 16;
    static final double MAX_SEGMENT_SECONDS = 60;
    static final int MAX_RENDITIONS = 10;
    private static final Pattern OUTPUT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern CONTROL_CHARS = Pattern.compile("\\p{Cntrl}");

    private final List<FieldError> errors = new ArrayList<>();
    private final WebhookTargets webhookTargets;

    private JobSubmissionReader(WebhookTargets webhookTargets) {
        this.webhookTargets = webhookTargets;
    }

    /**
     * @param webhookTargets which webhook URLs may be called: one aimed into Reelay's own network is refused here,
     *                       at submission, rather than only when the notification is due
     */
    public static JobRequested read(JobSubmission submission, String jobId, String tenant, Instant now,
                                    WebhookTargets webhookTargets) {
        return new JobSubmissionReader(webhookTargets).toEvent(submission, jobId, tenant, now);
    }

    private JobRequested toEvent(JobSubmission submission, String jobId, String tenant, Instant now) {
        if (submission == null) {
            throw new InvalidJobException(List.of(new FieldError("body", "a JSON object is required")));
        }
        ObjectLocation source = location("source", submission.source());
        List<OutputRequest> outputs = outputs(submission.outputs(), jobId);
        String webhookUrl = webhookUrl(submission.webhookUrl());
        WebhookEvents webhookEvents = enumValue("webhookEvents", submission.webhookEvents(), WebhookEvents.class,
                WebhookEvents.BOTH);
        if (submission.webhookSecret() != null && submission.webhookSecret().length() > 256) {
            errors.add(new FieldError("webhookSecret", "must be at most 256 characters"));
        }
        ThumbnailsRequest thumbnails = thumbnails(submission.thumbnails(), outputs, jobId);
        errors.addAll(DestinationOverlaps.find(outputs, thumbnails));
        if (submission.referenceId() != null && submission.referenceId().length() > 256) {
            errors.add(new FieldError("referenceId", "must be at most 256 characters"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidJobException(errors);
        }
        return JobRequested.newBuilder()
                .setJobId(jobId)
                .setTenant(tenant)
                .setReferenceId(submission.referenceId())
                .setSource(source)
                .setOutputs(outputs)
                .setWebhookUrl(webhookUrl)
                .setWebhookEvents(webhookEvents)
                .setWebhookSecret(submission.webhookSecret() == null || submission.webhookSecret().isBlank()
                        ? null : submission.webhookSecret())
                .setThumbnails(thumbnails)
                .setRequestedAt(now)
                .build();
    }

    private ObjectLocation location(String field, JobSubmission.Location location) {
        if (location == null) {
            errors.add(new FieldError(field, "is required"));
            return null;
        }
        String bucket = required(field + ".bucket", location.bucket());
        String key = objectKey(field + ".key", location.key(), true, false);
        return bucket == null || key == null ? null : new ObjectLocation(bucket, key);
    }

    private List<OutputRequest> outputs(List<JobSubmission.Output> outputs, String jobId) {
        if (outputs == null || outputs.isEmpty()) {
            errors.add(new FieldError("outputs", "at least one output is required"));
            return List.of();
        }
        if (outputs.size() > MAX_OUTPUTS) {
            errors.add(new FieldError("outputs", "at most " + MAX_OUTPUTS + " outputs per job"));
        }
        List<OutputRequest> requests = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < outputs.size(); i++) {
            OutputRequest request = output("outputs[" + i + "]", outputs.get(i), i, jobId);
            if (request != null && !ids.add(request.getOutputId())) {
                errors.add(new FieldError("outputs[" + i + "].outputId", "duplicate output id " + request.getOutputId()));
            }
            requests.add(request);
        }
        return requests;
    }

    /** The thumbnail set, tracked like an output under a fixed id that no output may take. */
    private ThumbnailsRequest thumbnails(JobSubmission.Thumbnails thumbnails, List<OutputRequest> outputs,
                                         String jobId) {
        if (thumbnails == null) {
            return null;
        }
        String outputId = ThumbnailsReader.OUTPUT_ID;
        if (outputs.stream().anyMatch(output -> output != null && outputId.equals(output.getOutputId()))) {
            errors.add(new FieldError("thumbnails", "output id '" + outputId + "' is reserved for the thumbnails"));
        }
        ObjectLocation destination = destination("thumbnails.destination", thumbnails.destination(),
                jobId + "/" + outputId);
        return ThumbnailsReader.read(thumbnails, destination, errors);
    }

    private OutputRequest output(String field, JobSubmission.Output output, int index, String jobId) {
        if (output == null) {
            errors.add(new FieldError(field, "must be an object"));
            return null;
        }
        String outputId = output.outputId() == null ? "output" + index : output.outputId();
        if (!OUTPUT_ID.matcher(outputId).matches()) {
            errors.add(new FieldError(field + ".outputId", "must be 1-64 letters, digits, '-' or '_'"));
        }
        OutputFormat format = enumValue(field + ".format", output.format(), OutputFormat.class, null);
        VideoCodec videoCodec = enumValue(field + ".videoCodec", output.videoCodec(), VideoCodec.class, VideoCodec.H264);
        AudioCodec audioCodec = enumValue(field + ".audioCodec", output.audioCodec(), AudioCodec.class, AudioCodec.AAC);
        OutputSupport.check(field, format, videoCodec, audioCodec).ifPresent(errors::add);
        List<String> qualities = qualities(field + ".qualities", output.qualities());
        List<RenditionRequest> renditions = renditions(field + ".renditions", output.renditions());
        double segmentSeconds = segmentSeconds(field + ".segmentSeconds", output.segmentSeconds());
        ObjectLocation destination = destination(field + ".destination", output.destination(), jobId + "/" + outputId);
        Watermark watermark = WatermarkReader.read(field + ".watermark", output.watermark(), errors);
        if (format == null || destination == null) {
            return null;
        }
        return OutputRequest.newBuilder()
                .setOutputId(outputId)
                .setFormat(format)
                .setVideoCodec(videoCodec)
                .setAudioCodec(audioCodec)
                .setQualities(qualities)
                .setRenditions(renditions)
                .setSegmentSeconds(segmentSeconds)
                .setDestination(destination)
                .setWatermark(watermark)
                .build();
    }

    private List<String> qualities(String field, List<String> qualities) {
        if (qualities == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < qualities.size(); i++) {
            String quality = qualities.get(i) == null ? "" : qualities.get(i).trim().toLowerCase(Locale.ROOT);
            if (!NamedQualities.NAMES.contains(quality)) {
                errors.add(new FieldError(field + "[" + i + "]", "unknown quality '" + qualities.get(i)
                        + "'; expected one of " + NamedQualities.NAMES));
            } else if (!names.contains(quality)) {
                names.add(quality);
            }
        }
        return names;
    }

    private List<RenditionRequest> renditions(String field, List<JobSubmission.Rendition> renditions) {
        if (renditions == null) {
            return List.of();
        }
        if (renditions.size() > MAX_RENDITIONS) {
            errors.add(new FieldError(field, "at most " + MAX_RENDITIONS + " renditions per output"));
        }
        List<RenditionRequest> requests = new ArrayList<>();
        for (int i = 0; i < renditions.size(); i++) {
            String at = field + "[" + i + "]";
            JobSubmission.Rendition r = renditions.get(i);
            if (r == null || (r.width() == null && r.height() == null)) {
                errors.add(new FieldError(at, "needs a width or a height"));
                continue;
            }
            inRange(at + ".width", r.width(), 16, 7680);
            inRange(at + ".height", r.height(), 16, 4320);
            inRange(at + ".videoBitrate", r.videoBitrate(), 16_000, 100_000_000);
            inRange(at + ".audioBitrate", r.audioBitrate(), 8_000, 1_000_000);
            if (r.name() != null && !OUTPUT_ID.matcher(r.name()).matches()) {
                errors.add(new FieldError(at + ".name", "must be 1-64 letters, digits, '-' or '_'"));
            }
            requests.add(new RenditionRequest(r.name(), r.width(), r.height(), r.videoBitrate(), r.audioBitrate()));
        }
        return requests;
    }

    private double segmentSeconds(String field, Double value) {
        if (value == null) {
            return 4.0;
        }
        if (value.isNaN() || value <= 0 || value > MAX_SEGMENT_SECONDS) {
            errors.add(new FieldError(field, "must be greater than 0 and at most " + (int) MAX_SEGMENT_SECONDS));
        }
        return value;
    }

    private ObjectLocation destination(String field, JobSubmission.Destination destination, String defaultPrefix) {
        if (destination == null) {
            errors.add(new FieldError(field, "is required"));
            return null;
        }
        String bucket = required(field + ".bucket", destination.bucket());
        String prefix = destination.prefix() == null || destination.prefix().isBlank()
                ? defaultPrefix : objectKey(field + ".prefix", stripSlashes(destination.prefix()), false, true);
        return bucket == null || prefix == null ? null : new ObjectLocation(bucket, prefix);
    }

    private String webhookUrl(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            URI uri = URI.create(url);
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                errors.add(new FieldError("webhookUrl", "must be an absolute http or https URL"));
            } else {
                webhookTargets.refusal(url).ifPresent(refusal -> errors.add(new FieldError("webhookUrl",
                        "is refused: " + refusal)));
            }
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("webhookUrl", "is not a valid URL"));
        }
        return url;
    }

    private String required(String field, String value) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required"));
            return null;
        }
        return value;
    }

    /**
     * Keys become S3 object names and local paths: refuse traversal, absolute paths and control characters, and in
     * keys Reelay writes to, backslashes, which some tools and file systems read as path separators.
     */
    private String objectKey(String field, String key, boolean required, boolean written) {
        if (required && required(field, key) == null) {
            return null;
        }
        if (CONTROL_CHARS.matcher(key).find()) {
            errors.add(new FieldError(field, "must not contain control characters"));
        } else if (written && key.contains("\\")) {
            errors.add(new FieldError(field, "must not contain backslashes; separate folders with '/'"));
        } else if (key.startsWith("/") || List.of(key.split("/")).contains("..")) {
            errors.add(new FieldError(field, "must be a relative key without '..' segments"));
        } else if (key.length() > 900) {
            errors.add(new FieldError(field, "must be at most 900 characters"));
        }
        return key;
    }

    private void inRange(String field, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            errors.add(new FieldError(field, "must be between " + min + " and " + max));
        }
    }

    private <E extends Enum<E>> E enumValue(String field, String value, Class<E> type, E defaultValue) {
        if (value == null || value.isBlank()) {
            if (defaultValue == null) {
                errors.add(new FieldError(field, "is required; one of " + List.of(type.getEnumConstants())));
            }
            return defaultValue;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, "unknown value '" + value + "'; one of " + List.of(type.getEnumConstants())));
            return defaultValue;
        }
    }

    private static String stripSlashes(String prefix) {
        String trimmed = prefix;
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }
}
