package dev.berth.docker.internal.volume;

import dev.berth.BerthException;
import dev.berth.PersistentVolume;
import dev.berth.VolumeScope;
import dev.berth.VolumeSpec;
import dev.berth.docker.internal.engine.ContainerQuery;
import dev.berth.docker.internal.engine.VolumeInfo;
import dev.berth.docker.internal.node.EngineContext;
import dev.berth.docker.internal.node.Labels;
import java.util.ArrayList;
import java.util.List;
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

    /**
     * The containers on every node that answers which mount the GLOBAL volume {@code name}: its storage is the same
     * from each, so deleting it under any of them would pull the data from under a running database.
     */
    static List<String> usersOnEveryNode(EngineContext ctx, String name) {
        List<String> users = new ArrayList<>();
        for (EngineContext node : ctx.everyNode()) {
            try {
                node.engine().listContainers(ContainerQuery.mounting(name)).forEach(c -> users.add(VolumeStore.nameOf(c)));
            } catch (RuntimeException unreachable) {
                throw new BerthException("GLOBAL volume '" + name + "' is not deleted: node " + node.node().id()
                        + " did not answer whether a container there mounts it (" + unreachable.getMessage()
                        + "). Delete it when every node answers, or once that node has left the Swarm.", unreachable);
            }
        }
        return users;
    }

    /**
     * After a GLOBAL volume is deleted on one node: its entry on every other node is deleted too. A shared driver has
     * already let it go there, and the engine, which would keep it hidden in its own records (and wait on the plugin
     * for it at every restart), forgets it as soon as it is looked up; a driver that keeps one volume per node has it
     * deleted there.
     */
    static void deleteOnOtherNodes(EngineContext ctx, String name) {
        for (EngineContext other : ctx.everyNode()) {
            if (other.node().id().equals(ctx.node().id())) {
                continue;
            }
            try {
                if (other.engine().inspectVolume(name).filter(v -> VolumeScopes.isGlobal(v)
                        && Labels.isManaged(v.labels())).isPresent()) {
                    other.engine().removeVolume(name);
                    LOG.info("Deleted GLOBAL volume {} on node {} too", name, other.node().id());
                }
            } catch (RuntimeException unreachable) {
                LOG.warn("Node {} did not answer: its record of GLOBAL volume {} stays until it is deleted there",
                        other.node().id(), name, unreachable);
            }
        }
    }
}
