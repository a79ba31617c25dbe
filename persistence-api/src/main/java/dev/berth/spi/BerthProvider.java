package dev.berth.spi;

import dev.berth.Berth;
import dev.berth.BerthSettings;

/**
 * An implementation of Berth, found with {@link java.util.ServiceLoader}. When several are present, the one with
 * the highest {@link #priority()} is tried first; when none can connect, {@link Berth#connect(BerthSettings)}
 * reports every provider it tried and why each failed.
 *
 * <p>Implementations must be thread-safe and have a public no-argument constructor.
 */
public interface BerthProvider {

    /** A short name for error messages, such as {@code "docker"}. */
    String name();

    /** Higher is tried first. */
    default int priority() {
        return 0;
    }

    /**
     * Connects, or throws a {@link dev.berth.BerthException} that says why it cannot.
     */
    Berth connect(BerthSettings settings);
}
