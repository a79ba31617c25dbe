package dev.berth;

import java.util.Optional;

/**
 * Writes and reads a marker through a service's own protocol (or files, for a plain image), so that a test can ask
 * "is what was acknowledged still there?". {@link #write} returns only once the service has acknowledged the write
 * as durable by its own rules.
 *
 * <p>Implementations connect afresh when the container was recreated (its address may have changed), and are
 * thread-safe.
 */
public interface DataProbe {

    /** Writes {@code value} under {@code key}, returning once the service acknowledged it. */
    void write(String key, String value);

    /** The value under {@code key}, or empty when the service does not have it. */
    Optional<String> read(String key);
}
