package dev.berth.docker.internal.common;

import dev.berth.BerthException;
import java.time.Duration;

/** A point in time a wait must not pass, and the one pause between two looks at the engine. */
public final class Deadline {
    /** How long a wait sleeps between two looks at the engine. */
    public static final long POLL_MILLIS = 100;

    private final long at;

    private Deadline(long at) {
        this.at = at;
    }

    public static Deadline after(Duration timeout) {
        return new Deadline(System.nanoTime() + timeout.toNanos());
    }

    public boolean passed() {
        return System.nanoTime() > at;
    }

    /** Sleeps {@link #POLL_MILLIS}; an interrupt ends the wait with a Berth exception. */
    public static void pause() {
        sleep(POLL_MILLIS);
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BerthException("Interrupted while waiting for the engine", e);
        }
    }
}
