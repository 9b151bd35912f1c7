package io.reelay.encode.staging;

import io.reelay.events.ObjectLocation;

/** Watermark images as local files, for tests without an object store: the image's key is the file's path. */
final class LocalWatermarkImages implements WatermarkImages {

    @Override
    public String inputOf(ObjectLocation image) {
        return image.getKey();
    }
}
