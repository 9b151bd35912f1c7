package io.reelay.ingest.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.reelay.events.JobRequested;
import io.reelay.ingest.core.FieldError;
import io.reelay.ingest.core.InvalidJobException;
import io.reelay.ingest.core.JobSubmission;
import io.reelay.ingest.core.JobSubmissionReader;
import io.reelay.webhook.WebhookTargets;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads the JSON body of {@code POST /jobs} into a job. The body is bound strictly and here rather than by the
 * framework, so that every binding problem is answered like a validation error, naming the exact field:
 * {@code outputs[1].segmentSecs: is not a known field}, {@code outputs[0].renditions[0].width: must be an integer}.
 * A misspelt optional field is refused instead of silently ignored, as it would change the job without a word.
 */
@Singleton
public class JobSubmissions {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            // parse errors quote a snippet of the body at most, never the whole of it
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();
    private static final Map<Class<?>, String> TYPE_NAMES = Map.of(Integer.class, "an integer", Double.class,
            "a number", String.class, "a string", List.class, "a list");

    private final WebhookTargets webhookTargets;

    JobSubmissions(WebhookTargets webhookTargets) {
        this.webhookTargets = webhookTargets;
    }

    /** @throws InvalidJobException naming every field that is wrong, or the body when it is not a JSON object */
    public JobRequested read(String body, String jobId, String tenant, Instant now) {
        return JobSubmissionReader.read(parse(body), jobId, tenant, now, webhookTargets);
    }

    static JobSubmission parse(String body) {
        if (body == null || body.isBlank()) {
            throw invalid("body", "a JSON object is required");
        }
        try (JsonParser parser = JSON.createParser(body)) {
            JobSubmission submission = JSON.readValue(parser, JobSubmission.class);
            if (parser.nextToken() != null) {
                throw invalid("body", "must be one JSON object; more follows it at line "
                        + parser.currentLocation().getLineNr() + ", column " + parser.currentLocation().getColumnNr());
            }
            return submission;
        } catch (JsonMappingException e) {
            throw invalid(path(e), problem(e));
        } catch (JacksonException e) {
            String at = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw invalid("body", "is not valid JSON: " + e.getOriginalMessage() + at);
        } catch (IOException e) {
            throw new UncheckedIOException("reading a string failed", e);
        }
    }

    private static String problem(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "is not a known field; expected one of " + names(unknown.getKnownPropertyIds());
        }
        if (e.getCause() instanceof JacksonException cause) {
            // e.g. a number too large for its field, reported by the parser and wrapped with the field's path
            return "cannot be read: " + cause.getOriginalMessage();
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "must be " + typeName(mismatch.getTargetType());
        }
        return "cannot be read: " + e.getOriginalMessage();
    }

    private static String typeName(Class<?> type) {
        if (type.isRecord() || Map.class.isAssignableFrom(type)) {
            return "an object";
        }
        return TYPE_NAMES.entrySet().stream()
                .filter(name -> name.getKey().isAssignableFrom(type))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(type.getSimpleName());
    }

    /** The JSON path of the failing value, as field errors name it: {@code outputs[0].renditions[1].width}. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference step : e.getPath()) {
            if (step.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(step.getFieldName());
            } else if (step.getIndex() >= 0) {
                path.append('[').append(step.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static String names(Collection<Object> ids) {
        return ids.stream().map(String::valueOf).sorted().collect(Collectors.joining(", ", "[", "]"));
    }

    private static InvalidJobException invalid(String field, String message) {
        return new InvalidJobException(List.of(new FieldError(field, message)));
    }
}
