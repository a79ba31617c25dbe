package dev.berth.spi;

import dev.berth.BerthSettings;

/**
 * Makes a {@link SnapshotStore}, found with {@link java.util.ServiceLoader}. Berth uses the store given with
 * {@link BerthSettings.Builder#snapshotStore(SnapshotStore)}, else the provider with the highest
 * {@link #priority()} (a provider that fails is an error, never silently replaced), else a store on the local disk
 * at {@link BerthSettings#snapshotDirectory()}.
 *
 * <p>Implementations must be thread-safe and have a public no-argument constructor.
 */
public interface SnapshotStoreProvider {

    /** A short name for messages, such as {@code "s3"}. */
    String name();

    /** Higher is preferred. */
    default int priority() {
        return 0;
    }

    /** Opens the store, or throws a {@link dev.berth.BerthException} that says why it cannot. */
    SnapshotStore open(BerthSettings settings);
}
