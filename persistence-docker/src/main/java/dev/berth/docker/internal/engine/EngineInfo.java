package dev.berth.docker.internal.engine;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What an engine says of itself: its id and host name, whether it is an active Swarm node and a manager of it, its
 * Swarm node id, the volume drivers it offers, its clock ({@code systemTime}: ages of what an engine made are taken by
 * its own clock, never the JVM's), and whether it remaps containers' users ({@code userns-remap}: the owners in a
 * volume's directory are then not those its containers see).
 */
public record EngineInfo(String id, String name, boolean swarmActive, boolean swarmManager,
        @Nullable String swarmNodeId, List<String> volumeDrivers, java.time.Instant systemTime, boolean remapsUsers) {
    public EngineInfo {
        volumeDrivers = List.copyOf(volumeDrivers);
    }

    public EngineInfo(String id, String name, boolean swarmActive, boolean swarmManager, @Nullable String swarmNodeId,
            List<String> volumeDrivers, java.time.Instant systemTime) {
        this(id, name, swarmActive, swarmManager, swarmNodeId, volumeDrivers, systemTime, false);
    }

    /** Whether it manages a Swarm, so that services can be made through it. */
    public boolean managesSwarm() {
        return swarmActive && swarmManager;
    }

    /** Its Swarm node id when in a Swarm, else the engine's own id. */
    public String nodeId() {
        return swarmActive && swarmNodeId != null ? swarmNodeId : id;
    }
}
