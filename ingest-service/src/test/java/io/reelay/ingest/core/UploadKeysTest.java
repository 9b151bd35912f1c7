package io.reelay.ingest.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UploadKeysTest {

    @Test
    void keepsASimpleFileName() {
        assertThat(UploadKeys.keyFor("acme", "u1", "holiday.mp4")).isEqualTo("uploads/acme/u1/holiday.mp4");
    }

    @Test
    void dropsFoldersAndReplacesUnsafeCharacters() {
        assertThat(UploadKeys.keyFor("acme", "u1", "../../etc/my movie (1).mov"))
                .isEqualTo("uploads/acme/u1/my_movie__1_.mov");
        assertThat(UploadKeys.keyFor("acme", "u1", "C:\\videos\\clip.mkv")).isEqualTo("uploads/acme/u1/clip.mkv");
    }

    @Test
    void putsEachUploadInAFolderOfItsOwnUnderItsTenant() {
        assertThat(UploadKeys.keyFor("globex", "u2", "a.mp4")).isEqualTo("uploads/globex/u2/a.mp4");
    }

    @Test
    void neverProducesAnEmptyOrHiddenName() {
        assertThat(UploadKeys.keyFor("acme", "u1", "...")).isEqualTo("uploads/acme/u1/source");
        assertThat(UploadKeys.keyFor("acme", "u1", ".hidden")).isEqualTo("uploads/acme/u1/hidden");
    }
}
