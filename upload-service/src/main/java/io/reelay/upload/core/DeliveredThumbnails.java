package io.reelay.upload.core;

import io.reelay.events.ThumbnailResult;

import java.util.List;
import java.util.function.UnaryOperator;

/** The thumbnails of a delivered set as clients get them: encode's report with each image's public URL filled in. */
public final class DeliveredThumbnails {

    private DeliveredThumbnails() {
    }

    /** @param urlOfPath the public URL of a path relative to the set's destination prefix */
    public static List<ThumbnailResult> withUrls(List<ThumbnailResult> reported, UnaryOperator<String> urlOfPath) {
        return reported.stream()
                .map(thumbnail -> thumbnail.getPath() == null ? thumbnail
                        : ThumbnailResult.newBuilder(thumbnail).setUrl(urlOfPath.apply(thumbnail.getPath())).build())
                .toList();
    }
}
