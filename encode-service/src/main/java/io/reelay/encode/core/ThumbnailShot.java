package io.reelay.encode.core;

import io.reelay.events.ImageFormat;

import java.util.Locale;

/**
 * One image a thumbnail set captures.
 *
 * @param number      position of its time in the request, from 1; names the file, so names are stable per request
 * @param timeSeconds media time to capture
 * @param path        file name, relative to the set's scratch dir and destination prefix
 */
public record ThumbnailShot(int number, double timeSeconds, String path) {

    static ThumbnailShot of(int number, double timeSeconds, ImageFormat format) {
        String extension = format == ImageFormat.WEBP ? "webp" : "jpg";
        return new ThumbnailShot(number, timeSeconds, String.format(Locale.ROOT, "thumb_%04d.%s", number, extension));
    }
}
