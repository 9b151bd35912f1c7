package io.reelay.encode.staging;

import io.reelay.events.ObjectLocation;

/** Where ffmpeg reads a watermark image from. */
@FunctionalInterface
public interface WatermarkImages {

    /**
     * @throws io.reelay.encode.core.OutputNotEncodableException with reason WATERMARK_FAILED when the image is
     *                                                           missing or cannot be read
     */
    String inputOf(ObjectLocation image);
}
