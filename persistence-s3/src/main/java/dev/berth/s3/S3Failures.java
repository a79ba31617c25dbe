package dev.berth.s3;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * What an S3 failure means to the user, as the {@link IOException} the SPI throws: a missing object, a missing bucket,
 * refused credentials, an endpoint that does not answer. The SDK's messages never hold the secret key, and neither
 * do these.
 */
final class S3Failures {
    private S3Failures() {
    }

    static int status(SdkException e) {
        return e instanceof S3Exception s ? s.statusCode() : 0;
    }

    static boolean isMissing(SdkException e) {
        return status(e) == 404 && !"NoSuchBucket".equals(code(e));
    }

    private static String code(SdkException e) {
        return e instanceof S3Exception s && s.awsErrorDetails() != null ? s.awsErrorDetails().errorCode() : "";
    }

    /** The failure of {@code what} (such as "read") on {@code key} in the store at {@code location}. */
    static IOException of(SdkException e, String what, String key, String location, String bucket) {
        if (isMissing(e)) {
            return new NoSuchFileException(location + "/" + key, null, "no such object in the snapshot store");
        }
        String cause = e.getMessage();
        String message;
        if ("NoSuchBucket".equals(code(e))) {
            message = "the bucket '" + bucket + "' does not exist: create it, or name another in"
                    + " S3SnapshotStore.builder().bucket(...)";
        } else if (status(e) == 403 || status(e) == 401) {
            message = "access was refused: check the credentials, and that they may get, put, list and delete objects"
                    + " in '" + bucket + "'";
        } else if (e instanceof SdkClientException) {
            message = "the S3 endpoint did not answer: is it up and reachable from here?";
        } else {
            message = "S3 answered " + status(e) + " " + code(e) + "; try again, and check the server's log if it"
                    + " goes on";
        }
        return new IOException("Could not " + what + " '" + key + "' in " + location + ": " + message + " (" + cause
                + ")", e);
    }
}
