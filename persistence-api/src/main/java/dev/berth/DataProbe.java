package dev.berth;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Writes and reads a marker through a service's own protocol (or files, for a plain image), so that a test can ask
 * "is what was acknowledged still there?". {@link #write} returns only once the service has acknowledged the write
 * as durable by its own rules.
 *
 * <p>Implementations connect afresh when the container was recreated (its address may have changed), and are
 * thread-safe.
 */
public interface DataProbe extends AutoCloseable {

    /** Writes {@code value} under {@code key}, returning once the service acknowledged it. */
    void write(String key, String value);

    /** The value under {@code key}, or empty when the service does not have it. */
    Optional<String> read(String key);

    /**
     * The values of many keys, in one round trip where the service allows (probes override this; by default it reads
     * them one by one). Keys the service does not have are absent from the result.
     */
    default Map<String, String> readAll(Collection<String> keys) {
        Map<String, String> values = new LinkedHashMap<>();
        keys.forEach(key -> read(key).ifPresent(value -> values.put(key, value)));
        return values;
    }

    /** Releases the probe's connections, if it holds any. */
    @Override
    default void close() {
    }
}
