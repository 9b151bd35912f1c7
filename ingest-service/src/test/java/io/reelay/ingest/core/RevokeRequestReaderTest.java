package io.reelay.ingest.core;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RevokeRequestReaderTest {

    private static List<FieldError> errorsOf(RevokeRequest request) {
        return catchThrowableOfType(() -> RevokeRequestReader.read(request), InvalidJobException.class).errors();
    }

    @Test
    void keepsEachJobIdOnceInTheOrderGivenAndTrimsTheReason() {
        RevokeRequest read = RevokeRequestReader.read(new RevokeRequest(List.of("b", "a", "b"), "  gone  "));

        assertThat(read.jobIds()).containsExactly("b", "a");
        assertThat(read.reason()).isEqualTo("gone");
    }

    @Test
    void aBlankReasonIsNoReason() {
        assertThat(RevokeRequestReader.read(new RevokeRequest(List.of("a"), " ")).reason()).isNull();
        assertThat(RevokeRequestReader.reason(null)).isNull();
    }

    @Test
    void refusesARequestWithoutJobIds() {
        assertThat(errorsOf(new RevokeRequest(null, null))).extracting(FieldError::field).containsExactly("jobIds");
        assertThat(errorsOf(new RevokeRequest(List.of(), null))).extracting(FieldError::field)
                .containsExactly("jobIds");
    }

    @Test
    void refusesMoreJobIdsThanTheLimit() {
        List<String> tooMany = IntStream.rangeClosed(0, RevokeRequestReader.MAX_JOB_IDS)
                .mapToObj(i -> "job-" + i).toList();

        assertThat(errorsOf(new RevokeRequest(tooMany, null)))
                .containsExactly(new FieldError("jobIds", "at most 100 job ids per request"));
        assertThat(RevokeRequestReader.read(new RevokeRequest(tooMany.subList(0, 100), null)).jobIds()).hasSize(100);
    }

    @Test
    void namesEveryBadJobIdAndATooLongReason() {
        List<String> ids = Arrays.asList("ok", "", null, "x".repeat(257));

        assertThat(errorsOf(new RevokeRequest(ids, "r".repeat(1001))))
                .extracting(FieldError::field)
                .containsExactly("jobIds[1]", "jobIds[2]", "jobIds[3]", "reason");
    }

    @Test
    void refusesATooLongReasonOfAnOutputRevoke() {
        assertThat(catchThrowableOfType(() -> RevokeRequestReader.reason("r".repeat(1001)),
                InvalidJobException.class).errors()).extracting(FieldError::field).containsExactly("reason");
    }
}
