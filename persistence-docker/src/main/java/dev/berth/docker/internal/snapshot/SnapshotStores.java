package dev.berth.docker.internal.snapshot;

import dev.berth.BerthException;
import dev.berth.BerthSettings;
import dev.berth.docker.internal.repository.Repository;
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
    /** A connection's store, its format-1 snapshots in it, and the repository in it. */
    private record Opened(SnapshotStore objects, ArchiveStore archives, Repository repository) {
    }

    private static final Map<BerthSettings, Opened> OPENED = Collections.synchronizedMap(new WeakHashMap<>());

    private SnapshotStores() {
    }

    /** The format-1 snapshots in the connection's store. */
    static ArchiveStore of(BerthSettings settings) {
        return opened(settings).archives();
    }

    /** The repository in the connection's store, opened with the settings' key. */
    static Repository repository(BerthSettings settings) {
        return opened(settings).repository();
    }

    private static Opened opened(BerthSettings settings) {
        return OPENED.computeIfAbsent(settings, s -> {
            SnapshotStore objects = s.snapshotStore().orElseGet(() -> open(s));
            try {
                return new Opened(objects, new StoredArchives(objects), Repository.open(objects, s.snapshotKey()));
            } catch (java.io.IOException e) {
                throw new BerthException("The snapshot repository in " + objects.location() + " cannot be opened: "
                        + e.getMessage(), e);
            }
        });
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
