package io.reelay.upload.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManifestReferencesTest {

    private static final String HEADER = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
            + "<MPD xmlns=\"urn:mpeg:dash:schema:mpd:2011\" type=\"static\" mediaPresentationDuration=\"PT3.0S\">\n";

    @Test
    void expandsTheSegmentTemplateAndTimelineOfEveryRepresentationAsTheDashMuxerWritesThem() {
        String mpd = HEADER + """
                <Period id="0" start="PT0.0S">
                  <AdaptationSet id="0" contentType="video">
                    <Representation id="0" codecs="avc1.64000d" bandwidth="400000" width="320" height="240">
                      <SegmentTemplate timescale="12800" initialization="stream$RepresentationID$/init.mp4"
                          media="stream$RepresentationID$/seg_$Number%05d$.m4s" startNumber="1">
                        <SegmentTimeline><S t="0" d="12800" r="2" /></SegmentTimeline>
                      </SegmentTemplate>
                    </Representation>
                  </AdaptationSet>
                  <AdaptationSet id="1" contentType="audio">
                    <Representation id="1" codecs="mp4a.40.2" bandwidth="96000">
                      <SegmentTemplate timescale="48000" initialization="stream$RepresentationID$/init.mp4"
                          media="stream$RepresentationID$/seg_$Number%05d$.m4s" startNumber="1">
                        <SegmentTimeline><S t="0" d="48128" /><S d="47104" /></SegmentTimeline>
                      </SegmentTemplate>
                    </Representation>
                  </AdaptationSet>
                </Period>
                </MPD>
                """;

        assertThat(ManifestReferences.of("manifest.mpd", mpd)).containsExactly("stream0/init.mp4",
                "stream0/seg_00001.m4s", "stream0/seg_00002.m4s", "stream0/seg_00003.m4s",
                "stream1/init.mp4", "stream1/seg_00001.m4s", "stream1/seg_00002.m4s");
    }

    @Test
    void countsSegmentsOfAFixedDurationTemplateInheritedFromTheAdaptationSet() {
        String mpd = HEADER + """
                <Period><AdaptationSet>
                  <SegmentTemplate timescale="1000" duration="2000" initialization="$RepresentationID$/i.mp4"
                      media="$RepresentationID$/$Number$.m4s" startNumber="0" />
                  <Representation id="hd" />
                </AdaptationSet></Period></MPD>
                """;

        assertThat(ManifestReferences.of("out/manifest.mpd", mpd))
                .containsExactly("out/hd/i.mp4", "out/hd/0.m4s", "out/hd/1.m4s");
    }

    @Test
    void listsSegmentListsAndSingleFileRepresentations() {
        String mpd = HEADER + """
                <Period><AdaptationSet>
                  <Representation id="a"><SegmentList><Initialization sourceURL="a/init.mp4" />
                    <SegmentURL media="a/1.m4s" /><SegmentURL media="a/2.m4s" /></SegmentList></Representation>
                  <Representation id="b"><BaseURL>b/whole.mp4</BaseURL></Representation>
                </AdaptationSet></Period></MPD>
                """;

        assertThat(ManifestReferences.of("manifest.mpd", mpd))
                .containsExactly("a/init.mp4", "a/1.m4s", "a/2.m4s", "b/whole.mp4");
    }

    @Test
    void refusesFilesOutsideTheOutputAndDocumentsThatAreNotXml() {
        String escaping = HEADER + """
                <Period><AdaptationSet><Representation id="a"><SegmentList>
                  <SegmentURL media="../other-job/1.m4s" /></SegmentList></Representation>
                </AdaptationSet></Period></MPD>
                """;

        assertThatThrownBy(() -> ManifestReferences.of("manifest.mpd", escaping))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside its output");
        assertThatThrownBy(() -> ManifestReferences.of("manifest.mpd", "#EXTM3U"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a readable MPD");
    }
}
