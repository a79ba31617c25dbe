package dev.berth;

import org.jspecify.annotations.Nullable;

/**
 * The root of every exception Berth throws. Unchecked; each message says what happened and what to do, and never
 * contains a secret.
 */
public class BerthException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BerthException(String message) {
        super(message);
    }

    public BerthException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
