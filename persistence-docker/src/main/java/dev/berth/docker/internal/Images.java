package dev.berth.docker.internal;

import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.command.PullImageResultCallback;
import dev.berth.ImageNotFoundException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Makes sure an image is on the engine: present, or pulled once. */
final class Images {
    private static final Logger LOG = LoggerFactory.getLogger(Images.class);
    private static final long PULL_MINUTES = 10;

    private Images() {
    }

    /** Makes sure the image is on the engine, pulling it once when it is not; returns its id. */
    static String ensure(Engine engine, String image) {
        Optional<InspectImageResponse> present = engine.find(() -> engine.client().inspectImageCmd(image).exec());
        if (present.isPresent()) {
            return present.get().getId();
        }
        pull(engine, image);
        return engine.call(() -> engine.client().inspectImageCmd(image).exec()).getId();
    }

    private static void pull(Engine engine, String image) {
        LOG.info("Pulling image {} (not on the engine)", image);
        try {
            QuietPull pull = engine.client().pullImageCmd(repository(image)).withTag(tag(image)).exec(new QuietPull());
            boolean done = pull.awaitCompletion(PULL_MINUTES, TimeUnit.MINUTES);
            if (pull.failure != null) {
                throw pull.failure;
            }
            if (!done) {
                throw new ImageNotFoundException(image, "the pull took over " + PULL_MINUTES + " minutes", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImageNotFoundException(image, "interrupted while pulling", e);
        } catch (ImageNotFoundException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ImageNotFoundException(image, firstLine(e.getMessage()), e);
        }
    }

    /** {@code registry:5000/team/app:1.0} is repository {@code registry:5000/team/app}, tag {@code 1.0}. */
    static String repository(String image) {
        int at = image.indexOf('@');
        if (at >= 0) {
            return image.substring(0, at);
        }
        int colon = image.lastIndexOf(':');
        return colon > image.lastIndexOf('/') ? image.substring(0, colon) : image;
    }

    static String tag(String image) {
        int at = image.indexOf('@');
        if (at >= 0) {
            return image.substring(at + 1);
        }
        int colon = image.lastIndexOf(':');
        return colon > image.lastIndexOf('/') ? image.substring(colon + 1) : "latest";
    }

    /** Keeps a pull's failure for the caller instead of logging it as an error. */
    private static final class QuietPull extends PullImageResultCallback {
        private volatile @Nullable RuntimeException failure;

        @Override
        public void onError(Throwable throwable) {
            failure = throwable instanceof RuntimeException e ? e : new RuntimeException(throwable);
            try {
                close();
            } catch (java.io.IOException ignored) {
                // closing a finished stream; the failure is what matters
            }
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no reason given";
        }
        return message.strip().lines().findFirst().orElse(message);
    }
}
