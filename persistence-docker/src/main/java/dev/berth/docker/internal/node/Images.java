package dev.berth.docker.internal.node;

import dev.berth.EngineCallException;
import dev.berth.ImageNotFoundException;
import dev.berth.docker.internal.engine.Engine;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Makes sure an image is on the engine: present, or pulled once. */
public final class Images {
    private static final Logger LOG = LoggerFactory.getLogger(Images.class);
    private static final Duration PULL_DEADLINE = Duration.ofMinutes(10);

    private Images() {
    }

    /** Makes sure the image is on the engine, pulling it once when it is not; returns its id. */
    public static String ensure(Engine engine, String image) {
        return engine.imageId(image).orElseGet(() -> {
            LOG.info("Pulling image {} (not on the engine)", image);
            try {
                engine.pull(image, PULL_DEADLINE);
            } catch (EngineCallException e) {
                throw new ImageNotFoundException(image, firstLine(e.getMessage()), e);
            }
            return engine.imageId(image).orElseThrow(() -> new ImageNotFoundException(image,
                    "the engine pulled it, but does not show it", null));
        });
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no reason given";
        }
        return message.strip().lines().findFirst().orElse(message);
    }
}
