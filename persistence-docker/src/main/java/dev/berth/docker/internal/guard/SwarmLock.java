package dev.berth.docker.internal.guard;

import dev.berth.EngineCallException;
import dev.berth.ExclusiveAccessException;
import dev.berth.Node;
import dev.berth.docker.internal.engine.ConfigInfo;
import dev.berth.docker.internal.engine.ContainerInfo;
import dev.berth.docker.internal.engine.Engine;
import dev.berth.docker.internal.node.EngineContext;
import dev.berth.docker.internal.node.Labels;
import dev.berth.docker.internal.volume.VolumeStore;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * The writer lock of a GLOBAL volume on a Swarm, which containers on every node reach: a Swarm config named
 * {@code berth-lock.<volume>} in the managers' replicated store, which lets only one config hold a name, labelled
 * with its holder and the node it runs on. A holder is alive as {@link HolderLiveness} says on its own node, with the
 * lock's age by the manager's clock; a holder on a node that is down may come back with it, so it stays alive until
 * Berth knows it cannot (a failover re-pins it). Once the lock is held, a writer on any reachable node that Berth did
 * not start still refuses the start.
 */
final class SwarmLock {
    static final String NODE_LABEL = Labels.PREFIX + "lock-node";
    private static final int TRIES = 5;

    private SwarmLock() {
    }

    static void acquire(EngineContext ctx, String holder, String volume) {
        Engine manager = ctx.cluster().localEngine();
        String here = ctx.node().id();
        for (int attempt = 0; attempt < TRIES; attempt++) {
            if (tryCreate(ctx, manager, holder, volume)) {
                requireNoOtherWriter(ctx, holder, volume);
                return;
            }
            Optional<ConfigInfo> lock = find(manager, volume);
            if (lock.isEmpty()) {
                continue; // released meanwhile: try again
            }
            String current = lock.get().labels().getOrDefault(WriterLock.HOLDER_LABEL, "");
            String node = lock.get().labels().getOrDefault(NODE_LABEL, "");
            boolean ours = current.equals(holder) && node.equals(here);
            if (!ours && alive(ctx, lock.get())) {
                throw new ExclusiveAccessException(volume, current + " on node " + node, holder);
            }
            manager.removeConfig(lock.get().id()); // ours from before, or stale: by id, so never another's new one
        }
        throw new ExclusiveAccessException(volume, "another container starting at the same moment", holder);
    }

    private static boolean tryCreate(EngineContext ctx, Engine manager, String holder, String volume) {
        try {
            manager.createConfig(WriterLock.lockName(volume), holder.getBytes(StandardCharsets.UTF_8),
                    labels(ctx, holder, volume));
            return true;
        } catch (EngineCallException e) {
            if (e.reason() != EngineCallException.Reason.CONFLICT) {
                throw e;
            }
            return false;
        }
    }

    /**
     * Takes the lock away from {@code holder} on a node that is down, for a failover that has re-pinned that holder's
     * service elsewhere (Swarm then never runs the old task again). Refused while that node is up.
     */
    static void takeOver(EngineContext ctx, String holder, String volume, String downNode) {
        if (ctx.cluster().node(downNode).filter(Node::ready).isPresent()) {
            throw new IllegalStateException("node " + downNode + " is up: its writer may run");
        }
        Engine manager = ctx.cluster().localEngine();
        find(manager, volume).filter(lock -> holder.equals(lock.labels().get(WriterLock.HOLDER_LABEL))
                        && downNode.equals(lock.labels().get(NODE_LABEL)))
                .ifPresent(lock -> manager.removeConfig(lock.id()));
    }

    /** Gives back the lock if {@code holder} holds it from this node. */
    static void release(EngineContext ctx, String holder, String volume) {
        Engine manager = ctx.cluster().localEngine();
        find(manager, volume).filter(lock -> holder.equals(lock.labels().get(WriterLock.HOLDER_LABEL))
                        && ctx.node().id().equals(lock.labels().get(NODE_LABEL)))
                .ifPresent(lock -> manager.removeConfig(lock.id()));
    }

    /** Removes the locks carrying these labels whose holders can no longer write; returns how many. */
    static int removeStale(EngineContext ctx, Map<String, String> labels) {
        Engine manager = ctx.cluster().localEngine();
        int removed = 0;
        for (ConfigInfo lock : manager.configs(Labels.managed(labels))) {
            if (lock.labels().containsKey(WriterLock.LOCK_LABEL) && !alive(ctx, lock)) {
                manager.removeConfig(lock.id());
                removed++;
            }
        }
        return removed;
    }

    private static boolean alive(EngineContext ctx, ConfigInfo lock) {
        String node = lock.labels().getOrDefault(NODE_LABEL, "");
        Optional<Node> holderNode = ctx.cluster().node(node);
        if (holderNode.isEmpty()) {
            return false; // the node left the Swarm: nothing of it runs here again
        }
        if (!holderNode.get().ready()) {
            return true; // it may come back, and its writer with it
        }
        Engine manager = ctx.cluster().localEngine();
        return new HolderLiveness(ctx.on(holderNode.get())).alive(lock.labels().getOrDefault(WriterLock.HOLDER_LABEL,
                ""), lock.created(), () -> manager.info().systemTime());
    }

    private static void requireNoOtherWriter(EngineContext ctx, String holder, String volume) {
        for (EngineContext node : ctx.everyNode()) {
            for (ContainerInfo writer : Writers.of(node.engine(), volume)) {
                if (!holder.equals(VolumeStore.nameOf(writer))) {
                    release(ctx, holder, volume);
                    throw new ExclusiveAccessException(volume, VolumeStore.nameOf(writer) + " on node "
                            + node.node().id(), holder);
                }
            }
        }
    }

    private static Optional<ConfigInfo> find(Engine manager, String volume) {
        return manager.configs(Map.of(WriterLock.LOCK_LABEL, volume)).stream()
                .filter(c -> c.name().equals(WriterLock.lockName(volume))).findFirst();
    }

    private static Map<String, String> labels(EngineContext ctx, String holder, String volume) {
        Map<String, String> labels = Labels.forNew(ctx.settings().labels(), Map.of());
        labels.put(WriterLock.LOCK_LABEL, volume);
        labels.put(WriterLock.HOLDER_LABEL, holder);
        labels.put(NODE_LABEL, ctx.node().id());
        return labels;
    }
}
