package io.reelay.ingest.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UploadKeysTest {

    @Test
    void keepsASimpleFileName() {
        assertThat(UploadKeys.keyFor("u1", "holiday.mp4")).isEqualTo("uploads/u1/holiday.mp4");
    }

    @Test
    void dropsFoldersAndReplacesUnsafeCharacters() {
        assertThat(UploadKeys.keyFor("u1", "../../etc/my movie (1).mov")).isEqualTo("uploads/u1/my_movie__1_.mov");
        assertThat(UploadKeys.keyFor("u1", "C:\\videos\\clip.mkv")).isEqualTo("uploads/u1/clip.mkv");
    }

    @Test
    void neverProducesAnEmptyOrHiddenName() {
        assertThat(UploadKeys.keyFor("u1", "...")).isEqualTo("uploads/u1/source");
        assertThat(UploadKeys.keyFor("u1", ".hidden")).isEqualTo("uploads/u1/hidden");
    }
}
