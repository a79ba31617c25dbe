package dev.berth.docker.internal.snapshot;

import dev.berth.BerthException;
import dev.berth.BerthSettings;
import dev.berth.spi.SnapshotStore;
import dev.berth.spi.SnapshotStoreProvider;
import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.WeakHashMap;

/**
 * The snapshot store of a connection: the one in the settings, else the highest-priority
 * {@link SnapshotStoreProvider} on the class path, else a {@link LocalSnapshotStore} at the settings' snapshot
 * directory. Opened once per settings object.
 */
final class SnapshotStores {
    private static final Map<BerthSettings, ArchiveStore> OPENED = Collections.synchronizedMap(new WeakHashMap<>());

    private SnapshotStores() {
    }

    static ArchiveStore of(BerthSettings settings) {
        return OPENED.computeIfAbsent(settings, s -> new StoredArchives(s.snapshotStore().orElseGet(() -> open(s))));
    }

    private static SnapshotStore open(BerthSettings settings) {
        SnapshotStoreProvider provider = ServiceLoader.load(SnapshotStoreProvider.class,
                        SnapshotStores.class.getClassLoader()).stream().map(ServiceLoader.Provider::get)
                .max(Comparator.comparingInt(SnapshotStoreProvider::priority)).orElse(null);
        if (provider == null) {
            return new LocalSnapshotStore(settings.snapshotDirectory());
        }
        try {
            return provider.open(settings);
        } catch (RuntimeException e) {
            throw new BerthException("The snapshot store provider '" + provider.name() + "' could not open its store: "
                    + e.getMessage() + ". Fix its configuration, remove it from the class path, or give a store with "
                    + "BerthSettings.builder().snapshotStore(...).", e);
        }
    }
}
