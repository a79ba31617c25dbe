package dev.berth.docker.internal.volume;

import dev.berth.PersistentVolume;
import dev.berth.VolumeScope;
import dev.berth.VolumeSpec;
import dev.berth.docker.internal.engine.VolumeInfo;
import dev.berth.docker.internal.node.EngineContext;
import dev.berth.docker.internal.node.Labels;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GLOBAL volumes, whose storage every node reaches: created on each node where a container that mounts one runs, from
 * the spec Berth made it with on another node (or, in a failover, from the user's spec when that node is down).
 */
public final class GlobalVolumes {
    private static final Logger LOG = LoggerFactory.getLogger(GlobalVolumes.class);

    private GlobalVolumes() {
    }

    /**
     * The volume on this node; or a GLOBAL volume that Berth made on another node, now created on this one too (its
     * storage is the same from every node, so the container placed here mounts the same data). Nodes that do not
     * answer are passed over: a failover starts while the old node is down.
     */
    public static Optional<PersistentVolume> findOrReachGlobal(VolumeStore store, String name) {
        Optional<PersistentVolume> here = store.find(name);
        EngineContext ctx = store.context();
        if (here.isPresent()) {
            return here;
        }
        for (EngineContext other : ctx.everyNode()) {
            if (other.node().id().equals(ctx.node().id())) {
                continue;
            }
            Optional<VolumeInfo> global;
            try {
                global = other.engine().inspectVolume(name)
                        .filter(v -> VolumeScopes.isGlobal(v) && Labels.isManaged(v.labels()));
            } catch (RuntimeException unreachable) {
                LOG.debug("Node {} did not answer for volume {}: {}", other.node().id(), name, unreachable.getMessage());
                continue;
            }
            if (global.isPresent()) {
                PersistentVolume made = store.createHere(store.specOf(global.get()), Map.of());
                LOG.info("Created GLOBAL volume {} on node {} too: the same storage as on node {}", name,
                        ctx.node().id(), other.node().id());
                return Optional.of(made);
            }
        }
        return Optional.empty();
    }

    /**
     * For a failover: the GLOBAL volume of {@code spec} on this node, made here from the spec when no reachable node
     * has it (the one it was made on may be the node that is down). Empty when it is not GLOBAL.
     */
    public static Optional<PersistentVolume> reachGlobal(VolumeStore store, VolumeSpec spec) {
        Optional<PersistentVolume> found = findOrReachGlobal(store, spec.name());
        boolean declared = spec.scope().filter(VolumeScope.GLOBAL::equals).isPresent();
        if (found.isPresent()) {
            // a shared driver shows its volume on every node, without the labels of the node that made it
            return found.filter(v -> v.scope() == VolumeScope.GLOBAL || declared && v.driver().equals(spec.driver()));
        }
        return declared ? Optional.of(store.createHere(spec, Map.of())) : Optional.empty();
    }
}
