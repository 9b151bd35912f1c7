package io.reelay.encode.staging;

import io.reelay.encode.core.Bandwidths;
import io.reelay.encode.core.EncodingProfile;
import io.reelay.encode.core.ManifestFile;
import io.reelay.encode.core.MediaPlaylist;
import io.reelay.encode.core.OutputAttempt;
import io.reelay.encode.core.PlaylistRewriter;
import io.reelay.encode.core.SegmentEvents;
import io.reelay.encode.core.StagingOrder;
import io.reelay.encode.core.StagingOrder.TrackPlaylist;
import io.reelay.encode.core.StagingStep;
import io.reelay.encode.core.Track;
import io.reelay.encode.core.UsageMeter;
import io.reelay.events.FailureReason;
import io.reelay.events.FileKind;
import io.reelay.events.ObjectLocation;
import io.reelay.events.SegmentEncoded;
import io.reelay.storage.StagingLayout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Stages the files of one output attempt from its scratch dir to the staging bucket while ffmpeg writes them,
 * publishing one segment-encoded event per file in the order {@link StagingOrder} decides. Not thread-safe:
 * one stager per output attempt, driven by one thread.
 */
public final class SegmentStager {

    private final OutputAttempt attempt;
    private final List<Track> tracks;
    private final List<ManifestFile> manifests;
    private final Path scratchDir;
    private final StagingLayout layout;
    private final ObjectStore store;
    private final SegmentPublisher publisher;
    private final Set<String> staged = new HashSet<>();
    private final Bandwidths bandwidths = new Bandwidths();
    private int sequence;
    private long bytesWritten;

    public SegmentStager(OutputAttempt attempt, List<Track> tracks, List<ManifestFile> manifests, Path scratchDir,
                         StagingLayout layout, ObjectStore store, SegmentPublisher publisher) {
        this.attempt = attempt;
        this.tracks = List.copyOf(tracks);
        this.manifests = List.copyOf(manifests);
        this.scratchDir = scratchDir;
        this.layout = layout;
        this.store = store;
        this.publisher = publisher;
    }

    /** Stages every media file ffmpeg has completed so far. */
    public void stageCompleted(double encodedSeconds) throws IOException {
        for (StagingStep step : StagingOrder.next(readPlaylists(), manifests, staged, false)) {
            Staged file = stage(step);
            publish(SegmentEvents.staged(attempt, sequence, step, file.location(), file.sizeBytes(), encodedSeconds,
                    Instant.now()));
        }
    }

    /**
     * Once ffmpeg has exited successfully: the remaining media files, the delivered media playlists and the
     * manifests, the last of which is the output's last event, with the attempt's totals.
     *
     * @param profile   the output's packaging and encoders, for codec strings ffmpeg left out
     * @param frameRate frame rate of every rendition; null when unknown
     */
    public void stageRest(double encodedSeconds, EncodingProfile profile, Double frameRate, UsageMeter meter)
            throws IOException {
        List<StagingStep> steps = StagingOrder.next(readPlaylists(), manifests, staged, true);
        StagingStep lastStep = steps.get(steps.size() - 1);
        for (StagingStep step : steps) {
            if (step.kind() == FileKind.PLAYLIST) {
                String initUri = trackOf(step.rendition()).initUriInPlaylist();
                rewrite(step, playlist -> PlaylistRewriter.variant(playlist, initUri));
            } else if (step.kind() == FileKind.MASTER_PLAYLIST) {
                rewrite(step, playlist -> PlaylistRewriter.master(playlist, profile.codecsAttribute(), frameRate,
                        this::variantBandwidth));
            } else if (step.kind() == FileKind.MANIFEST) {
                rewrite(step, mpd -> PlaylistRewriter.mpd(mpd, profile.video().codecsAttribute()));
            }
            Staged file = stage(step);
            Instant now = Instant.now();
            publish(step == lastStep
                    ? SegmentEvents.last(attempt, sequence, step, file.location(), file.sizeBytes(), encodedSeconds,
                            staged.size(), meter.usage(encodedSeconds, bytesWritten, staged.size()), now)
                    : SegmentEvents.staged(attempt, sequence, step, file.location(), file.sizeBytes(),
                            encodedSeconds, now));
        }
    }

    /** Ends the attempt with a failure; files it already staged are left to upload, which owns the staging area. */
    public void fail(FailureReason reason, String message) {
        publish(SegmentEvents.failed(attempt, sequence, reason, message, Instant.now()));
    }

    private void publish(SegmentEncoded event) {
        publisher.publish(event);
        sequence++;
    }

    private Staged stage(StagingStep step) throws IOException {
        Path file = scratchDir.resolve(step.scratchPath());
        long sizeBytes = Files.size(file);
        ObjectLocation location = store.put(
                layout.keyOf(attempt.jobId(), attempt.outputId(), attempt.attempt(), step.path()), file);
        staged.add(step.path());
        bytesWritten += sizeBytes;
        if (step.kind() == FileKind.SEGMENT) {
            bandwidths.addSegment(step.rendition(), sizeBytes, step.mediaDurationSeconds());
        }
        return new Staged(location, sizeBytes);
    }

    private void rewrite(StagingStep step, UnaryOperator<String> rewriter) throws IOException {
        Path file = scratchDir.resolve(step.scratchPath());
        Files.writeString(file, rewriter.apply(Files.readString(file)));
    }

    private List<TrackPlaylist> readPlaylists() throws IOException {
        List<TrackPlaylist> playlists = new ArrayList<>();
        for (Track track : tracks) {
            playlists.add(new TrackPlaylist(track, readPlaylist(track)));
        }
        return playlists;
    }

    /** A variant's own track, plus the ladder's shared audio that players fetch alongside it. */
    private Bandwidths.Bandwidth variantBandwidth(String playlist) {
        Bandwidths.Bandwidth total = new Bandwidths.Bandwidth(0, 0);
        for (Track track : tracks) {
            if (track.playlist().equals(playlist) || track.rendition().equals(Track.SHARED_AUDIO)) {
                total = total.plus(bandwidths.of(track.rendition()));
            }
        }
        return total;
    }

    private Track trackOf(String rendition) {
        return tracks.stream().filter(track -> track.rendition().equals(rendition)).findFirst().orElseThrow();
    }

    private record Staged(ObjectLocation location, long sizeBytes) {
    }

    private MediaPlaylist readPlaylist(Track track) throws IOException {
        try {
            return MediaPlaylist.parse(Files.readString(scratchDir.resolve(track.playlist())));
        } catch (NoSuchFileException notYetWritten) {
            // ffmpeg writes a media playlist when the track's first segment is complete
            return null;
        }
    }
}
