package dev.berth.samples;

import java.time.Duration;

/** The stories' waits between two looks at something that takes its time. */
final class Pause {
    private Pause() {
    }

    /** A tenth of a second. */
    static void briefly() {
        of(Duration.ofMillis(100));
    }

    /** @throws IllegalStateException when interrupted, with the interrupt flag set again */
    static void of(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting", e);
        }
    }
}
