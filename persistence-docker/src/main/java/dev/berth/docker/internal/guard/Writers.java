package dev.berth.docker.internal.guard;

import dev.berth.docker.internal.engine.ContainerInfo;
import dev.berth.docker.internal.engine.ContainerQuery;
import dev.berth.docker.internal.engine.Engine;
import java.util.List;
import java.util.Set;

/** The containers that write a volume now, as its node's engine lists them. */
public final class Writers {
    /** The states in which a container holds what it mounts: it runs, or will run again on its own. */
    static final Set<String> HOLDING_STATES = Set.of("running", "paused", "restarting");

    private Writers() {
    }

    /** Running (or paused, or restarting) with the volume mounted read-write. */
    public static List<ContainerInfo> of(Engine engine, String volume) {
        return engine.listContainers(ContainerQuery.mounting(volume)).stream()
                .filter(c -> HOLDING_STATES.contains(c.state()) && c.mounts(volume, true))
                .toList();
    }
}
