package dev.berth.docker.internal.container;

import dev.berth.StatefulContainer;
import dev.berth.docker.internal.node.SpecHash;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The stateful containers made in this process, weakly held, so that a snapshot can find the {@link StatefulContainer}
 * (and its recipe's quiesce hook) behind a container the engine lists. Thread-safe.
 */
public final class LiveContainers {
    private static final List<WeakReference<DockerStatefulContainer>> LIVE = new ArrayList<>();

    private LiveContainers() {
    }

    public static synchronized DockerStatefulContainer register(DockerStatefulContainer container) {
        LIVE.removeIf(ref -> ref.get() == null);
        LIVE.add(new WeakReference<>(container));
        return container;
    }

    /** The newest live handle for a Docker container of that name and spec hash. */
    public static synchronized Optional<StatefulContainer> find(String name, String specHash) {
        for (int i = LIVE.size() - 1; i >= 0; i--) {
            DockerStatefulContainer c = LIVE.get(i).get();
            if (c != null && c.name().equals(name) && SpecHash.of(c.spec()).equals(specHash)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
