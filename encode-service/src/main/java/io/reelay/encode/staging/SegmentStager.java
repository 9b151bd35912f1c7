package io.reelay.encode.staging;

import io.reelay.encode.core.HlsLayout;
import io.reelay.encode.core.MediaPlaylist;
import io.reelay.encode.core.OutputAttempt;
import io.reelay.encode.core.PlaylistRewriter;
import io.reelay.encode.core.SegmentEvents;
import io.reelay.encode.core.StagingOrder;
import io.reelay.encode.core.StagingOrder.RenditionPlaylist;
import io.reelay.encode.core.StagingStep;
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
    private final List<String> renditions;
    private final Path scratchDir;
    private final StagingLayout layout;
    private final ObjectStore store;
    private final SegmentPublisher publisher;
    private final Set<String> staged = new HashSet<>();
    private int sequence;
    private long bytesWritten;

    public SegmentStager(OutputAttempt attempt, List<String> renditions, Path scratchDir, StagingLayout layout,
                         ObjectStore store, SegmentPublisher publisher) {
        this.attempt = attempt;
        this.renditions = List.copyOf(renditions);
        this.scratchDir = scratchDir;
        this.layout = layout;
        this.store = store;
        this.publisher = publisher;
    }

    /** Stages every media file ffmpeg has completed so far. */
    public void stageCompleted(double encodedSeconds) throws IOException {
        for (StagingStep step : StagingOrder.next(readPlaylists(), staged, false)) {
            Staged file = stage(step);
            publish(SegmentEvents.staged(attempt, sequence, step, file.location(), file.sizeBytes(), encodedSeconds,
                    Instant.now()));
        }
    }

    /**
     * Once ffmpeg has exited successfully: the remaining media files, the variant playlists and, as the
     * output's last event, the master playlist with the attempt's totals.
     *
     * @param codecs CODECS value for variants ffmpeg left without one
     */
    public void stageRest(double encodedSeconds, String codecs, UsageMeter meter) throws IOException {
        for (StagingStep step : StagingOrder.next(readPlaylists(), staged, true)) {
            if (step.kind() == FileKind.PLAYLIST) {
                rewrite(step, playlist -> PlaylistRewriter.variant(playlist, HlsLayout.INIT));
            } else if (step.kind() == FileKind.MASTER_PLAYLIST) {
                rewrite(step, playlist -> PlaylistRewriter.master(playlist, codecs));
            }
            Staged file = stage(step);
            Instant now = Instant.now();
            publish(step.kind() == FileKind.MASTER_PLAYLIST
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
        return new Staged(location, sizeBytes);
    }

    private void rewrite(StagingStep step, UnaryOperator<String> rewriter) throws IOException {
        Path file = scratchDir.resolve(step.scratchPath());
        Files.writeString(file, rewriter.apply(Files.readString(file)));
    }

    private List<RenditionPlaylist> readPlaylists() throws IOException {
        List<RenditionPlaylist> playlists = new ArrayList<>();
        for (String rendition : renditions) {
            playlists.add(new RenditionPlaylist(rendition, readPlaylist(rendition)));
        }
        return playlists;
    }

    private record Staged(ObjectLocation location, long sizeBytes) {
    }

    private MediaPlaylist readPlaylist(String rendition) throws IOException {
        try {
            return MediaPlaylist.parse(Files.readString(scratchDir.resolve(HlsLayout.variantPlaylist(rendition))));
        } catch (NoSuchFileException notYetWritten) {
            // ffmpeg writes a variant playlist when the rendition's first segment is complete
            return null;
        }
    }
}
