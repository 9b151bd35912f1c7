package io.reelay.encode.staging;

import io.reelay.encode.core.OutputNotEncodableException;
import io.reelay.events.FailureReason;
import io.reelay.events.ObjectLocation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.util.function.Function;

/**
 * Watermark images in the object store, read by ffmpeg over presigned GET URLs. The image is looked up first: ffmpeg
 * would only report a missing image as a failed encode, with the URL (and its signature) in the message.
 */
public final class S3WatermarkImages implements WatermarkImages {

    private final S3Client s3;
    private final Function<ObjectLocation, String> presignedUrls;

    public S3WatermarkImages(S3Client s3, Function<ObjectLocation, String> presignedUrls) {
        this.s3 = s3;
        this.presignedUrls = presignedUrls;
    }

    @Override
    public String inputOf(ObjectLocation image) {
        String where = "s3://" + image.getBucket() + "/" + image.getKey();
        try {
            s3.headObject(request -> request.bucket(image.getBucket()).key(image.getKey()));
        } catch (S3Exception refused) {
            // HEAD answers carry no error code, only the status
            throw new OutputNotEncodableException(FailureReason.WATERMARK_FAILED, refused.statusCode() == 404
                    ? "watermark image " + where + " does not exist"
                    : "watermark image " + where + " cannot be read (HTTP " + refused.statusCode() + ")");
        } catch (SdkException unreachable) {
            throw new OutputNotEncodableException(FailureReason.WATERMARK_FAILED,
                    "watermark image " + where + " cannot be read: " + unreachable.getMessage());
        }
        return presignedUrls.apply(image);
    }
}
