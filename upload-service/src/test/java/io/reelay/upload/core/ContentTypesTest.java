package io.reelay.upload.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ContentTypesTest {

    @Test
    void givesPlayersTheTypesTheyExpect() {
        assertThat(ContentTypes.of("master.m3u8")).isEqualTo("application/vnd.apple.mpegurl");
        assertThat(ContentTypes.of("720p/seg_00001.m4s")).isEqualTo("video/iso.segment");
        assertThat(ContentTypes.of("720p/init.MP4")).isEqualTo("video/mp4");
        assertThat(ContentTypes.of("manifest.mpd")).isEqualTo("application/dash+xml");
        assertThat(ContentTypes.of("noextension")).isEqualTo("application/octet-stream");
    }
}
