package io.reelay.encode.core;

import io.reelay.events.FileKind;

/**
 * One file to stage next.
 *
 * @param kind             what the file is
 * @param rendition        track it belongs to; null for output-wide files (master playlist, MPD)
 * @param path             path relative to the output's destination prefix, also its staging path
 * @param scratchPath      where ffmpeg wrote it, relative to the output's scratch dir
 * @param mediaStartSeconds    media time the file starts at (segments)
 * @param mediaDurationSeconds media time the file covers (segments)
 */
public record StagingStep(FileKind kind, String rendition, String path, String scratchPath,
                          double mediaStartSeconds, double mediaDurationSeconds) {

    static StagingStep file(FileKind kind, String rendition, String path, String scratchPath) {
        return new StagingStep(kind, rendition, path, scratchPath, 0, 0);
    }
}
