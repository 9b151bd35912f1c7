package io.reelay.encode.core;

import io.reelay.events.FileKind;

/**
 * An output-wide file ffmpeg completes only when it exits (master playlist, DASH MPD), at a path relative to both
 * the scratch dir and the output root.
 */
public record ManifestFile(FileKind kind, String path) {
}
