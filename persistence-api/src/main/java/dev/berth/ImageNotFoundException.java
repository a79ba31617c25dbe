package dev.berth;

import org.jspecify.annotations.Nullable;

/** An image is neither on the engine nor pullable. */
public class ImageNotFoundException extends BerthException {
    private static final long serialVersionUID = 1L;
    private final String image;

    public ImageNotFoundException(String image, String pullFailure, @Nullable Throwable cause) {
        super("Image '" + image + "' is not on the engine and could not be pulled (" + pullFailure + "). "
                + "Check the name and tag, log in to its registry, or build or load it (docker build, docker load).",
                cause);
        this.image = image;
    }

    public String image() {
        return image;
    }
}
