package io.reelay.ingest.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Every kind of bad job request gets a clear JSON answer naming what is wrong, over the real HTTP stack. Rejected
 * jobs never reach Kafka, so no broker is needed.
 */
@MicronautTest
class BadJobRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A valid job with one output; %s is spliced into the output, %s after it into the job. */
    private static final String JOB = """
            {"source": {"bucket": "src", "key": "a.mp4"},
             "outputs": [{"format": "HLS_FMP4", "destination": {"bucket": "out", "prefix": "v/1"}%s}]%s}""";

    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void anUnknownFieldIsRefusedByItsPathRatherThanIgnored() throws IOException {
        JsonNode answer = rejected(String.format(JOB, ", \"segmentSecs\": 2", ""), 400);

        assertThat(onlyField(answer)).isEqualTo("outputs[0].segmentSecs");
        assertThat(answer.at("/errors/0/message").asText()).contains("not a known field").contains("segmentSeconds");
        assertThat(onlyField(rejected(String.format(JOB, "", ", \"webhook\": \"https://x\""), 400)))
                .isEqualTo("webhook");
    }

    @Test
    void anUnknownEnumValueIsRefusedNamingTheFieldAndTheChoices() throws IOException {
        JsonNode answer = rejected(String.format(JOB, ", \"videoCodec\": \"MPEG2\"", ""), 400);

        assertThat(onlyField(answer)).isEqualTo("outputs[0].videoCodec");
        assertThat(answer.at("/errors/0/message").asText()).contains("MPEG2").contains("H264");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"renditions\": [{\"width\": \"wide\"}]           | outputs[0].renditions[0].width        | must be an integer",
        "\"renditions\": [{\"width\": 1000000000000}]      | outputs[0].renditions[0].width        | out of range",
        "\"renditions\": [{\"width\": 1.5}]                | outputs[0].renditions[0].width        | must be an integer",
        "\"renditions\": [{\"width\": 100000}]             | outputs[0].renditions[0].width        | between 16 and 7680",
        "\"renditions\": [{\"height\": 480, \"videoBitrate\": 2000000000}] | outputs[0].renditions[0].videoBitrate | between",
        "\"segmentSeconds\": 0                             | outputs[0].segmentSeconds             | greater than 0",
        "\"segmentSeconds\": -4                            | outputs[0].segmentSeconds             | greater than 0",
        "\"segmentSeconds\": 3600                          | outputs[0].segmentSeconds             | at most 60",
        "\"qualities\": \"720p\"                           | outputs[0].qualities                  | must be a list"})
    void anAbsurdOrMistypedNumberIsRefusedNamingTheField(String part, String field, String message) throws IOException {
        JsonNode answer = rejected(String.format(JOB, ", " + part, ""), 400);

        assertThat(onlyField(answer)).isEqualTo(field);
        assertThat(answer.at("/errors/0/message").asText()).contains(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "v/../../etc       | '..' segments",
        "/absolute         | relative key",
        "v\\\\1            | backslashes",
        "v/\\u0007bell     | control characters"})
    void aDestinationThatEscapesItsFolderIsRefused(String prefix, String message) throws IOException {
        String job = """
                {"source": {"bucket": "src", "key": "a.mp4"},
                 "outputs": [{"format": "HLS_FMP4", "destination": {"bucket": "out", "prefix": "%s"}}]}"""
                .formatted(prefix);

        JsonNode answer = rejected(job, 400);

        assertThat(onlyField(answer)).isEqualTo("outputs[0].destination.prefix");
        assertThat(answer.at("/errors/0/message").asText()).contains(message);
    }

    @Test
    void twoOutputsIntoTheSameFolderAreRefused() throws IOException {
        String job = """
                {"source": {"bucket": "src", "key": "a.mp4"},
                 "outputs": [{"outputId": "hls", "format": "HLS_FMP4", "destination": {"bucket": "out", "prefix": "v"}},
                             {"outputId": "dash", "format": "DASH", "destination": {"bucket": "out", "prefix": "v/"}}]}""";

        JsonNode answer = rejected(job, 400);

        assertThat(onlyField(answer)).isEqualTo("outputs[1].destination");
        assertThat(answer.at("/errors/0/message").asText()).contains("outputs[0].destination");
    }

    @Test
    void aWebhookAimedAtTheCloudMetadataServiceIsRefused() throws IOException {
        JsonNode answer = rejected(String.format(JOB, "",
                ", \"webhookUrl\": \"http://169.254.169.254/latest/meta-data\""), 400);

        assertThat(onlyField(answer)).isEqualTo("webhookUrl");
        assertThat(answer.at("/errors/0/message").asText()).contains("169.254.169.254").contains("internal address");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[1, 2]           | must be an object",
        "{\"source\": 42}  | must be an object",
        "{} {}            | must be one JSON object",
        "{\"source\": }   | not valid JSON",
        "'   '            | a JSON object is required"})
    void aBodyThatIsNotAJobObjectIsRefused(String body, String message) throws IOException {
        JsonNode answer = rejected(body, 400);

        assertThat(answer.at("/errors/0/message").asText()).contains(message);
    }

    @Test
    void anOversizedBodyGets413WithAJsonMessage() throws IOException {
        String huge = String.format(JOB, "", ", \"referenceId\": \"" + "x".repeat(2 * 1024 * 1024) + "\"");

        JsonNode answer = rejected(huge, 413);

        assertThat(onlyField(answer)).isEqualTo("body");
        assertThat(answer.get("message").asText()).contains("too large").contains("1048576");
    }

    private JsonNode rejected(String body, int status) throws IOException {
        HttpClientResponseException error = catchThrowableOfType(() -> client.toBlocking().exchange(
                ApiRequests.postJson("/jobs", body), String.class), HttpClientResponseException.class);
        assertThat(error).as("request should be rejected: " + body.substring(0, Math.min(200, body.length())))
                .isNotNull();
        assertThat(error.getStatus().getCode()).isEqualTo(status);
        assertThat(error.getResponse().getContentType()).hasValue(MediaType.APPLICATION_JSON_TYPE);
        JsonNode answer = JSON.readTree(error.getResponse().getBody(String.class).orElseThrow());
        assertThat(answer.get("message").asText()).isNotBlank();
        return answer;
    }

    private static String onlyField(JsonNode answer) {
        assertThat(answer.get("errors")).hasSize(1);
        return answer.at("/errors/0/field").asText();
    }
}
