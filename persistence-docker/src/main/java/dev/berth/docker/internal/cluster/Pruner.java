package dev.berth.docker.internal.cluster;

import dev.berth.Node;
import dev.berth.PersistentVolume;
import dev.berth.PruneOptions;
import dev.berth.PruneReport;
import dev.berth.docker.internal.engine.ContainerInfo;
import dev.berth.docker.internal.engine.ContainerQuery;
import dev.berth.docker.internal.engine.Engine;
import dev.berth.docker.internal.engine.ServiceInfo;
import dev.berth.docker.internal.guard.WriterLock;
import dev.berth.docker.internal.node.EngineContext;
import dev.berth.docker.internal.node.Labels;
import dev.berth.docker.internal.volume.ArchiveHelper;
import dev.berth.docker.internal.volume.MoveJournal;
import dev.berth.docker.internal.volume.RetiredVolumes;
import dev.berth.docker.internal.volume.VolumeStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Removes what Berth created and the options select; never anything else. */
public final class Pruner {
    private static final Logger LOG = LoggerFactory.getLogger(Pruner.class);

    private Pruner() {
    }

    /**
     * Prunes every node Berth can reach: on a Swarm, Berth's services first (their tasks' containers go with them),
     * then each node's own engine; otherwise the one engine.
     */
    public static PruneReport prune(EngineContext ctx, PruneOptions options) {
        if (!ctx.cluster().isSwarm()) {
            Set<String> moving = moving(List.of(ctx));
            return new PruneReport(pruneContainers(ctx, options), pruneVolumes(ctx, options, moving, List.of(ctx)));
        }
        List<String> containers = new ArrayList<>(pruneServices(ctx.cluster().localEngine(), options));
        WriterLock.removeStaleSwarmLocks(ctx, options.labels()); // Berth's own bookkeeping, not reported
        List<EngineContext> nodes = ctx.everyNode();
        Set<String> moving = moving(nodes);
        for (EngineContext node : nodes) { // every node's containers first: a GLOBAL volume is used from any node
            containers.addAll(pruneContainers(node, options));
        }
        List<String> volumes = new ArrayList<>();
        for (EngineContext node : nodes) {
            volumes.addAll(pruneVolumes(node, options, moving, nodes));
        }
        return new PruneReport(containers.stream().distinct().toList(), volumes.stream().distinct().toList());
    }

    /**
     * The volumes that a move under way (or one a crash interrupted) records on any node: none of their copies is
     * pruned, on any node, until the move is settled.
     */
    private static Set<String> moving(List<EngineContext> nodes) {
        Set<String> moving = new HashSet<>();
        for (EngineContext node : nodes) {
            node.engine().listContainers(ContainerQuery.labelled(Labels.managed(Map.of()))).stream()
                    .filter(MoveJournal::isEntry).map(MoveJournal::volumeOf).forEach(moving::add);
        }
        return moving;
    }

    private static List<String> pruneContainers(EngineContext ctx, PruneOptions options) {
        Engine engine = ctx.engine();
        List<ContainerInfo> containers = engine.listContainers(ContainerQuery.labelled(
                Labels.managed(options.labels())));
        List<String> removed = new ArrayList<>();
        Supplier<Instant> now = () -> engine.info().systemTime(); // ages by the engine's clock, not the JVM's
        for (ContainerInfo c : containers) {
            if ((c.running() || c.paused() || c.restarting()) && !options.includeRunning()) { // a writer, live
                continue;
            }
            if (c.labels().containsKey(ArchiveHelper.HELPER_LABEL) && c.created().plus(ArchiveHelper.RUN_DEADLINE)
                    .isAfter(now.get())) {
                continue; // a helper at work for a move or a snapshot; a crash's leftover is pruned once it is older
            }
            if (MoveJournal.isEntry(c)) {
                continue; // a move's record: only settling the move removes it
            }
            if (c.labels().containsKey(WriterLock.LOCK_LABEL) && !options.includeRunning()
                    && !WriterLock.isStale(ctx, c)) {
                continue; // a live writer's lock
            }
            engine.removeContainer(c.id());
            if (!c.labels().containsKey(WriterLock.LOCK_LABEL)) { // a stale lock is Berth's own bookkeeping
                removed.add(VolumeStore.nameOf(c));
            }
        }
        if (!removed.isEmpty()) {
            LOG.info("Pruned containers {} on node {}", removed, ctx.node().id());
        }
        return removed;
    }

    /** The volumes to prune on one node, unless a container on any of {@code nodes} uses them. */
    private static List<String> pruneVolumes(EngineContext ctx, PruneOptions options, Set<String> moving,
            List<EngineContext> nodes) {
        List<String> deleted = new ArrayList<>();
        if (options.includeVolumes()) {
            for (PersistentVolume volume : VolumeStore.of(ctx).withLabels(options.labels())) {
                boolean retired = RetiredVolumes.retiredAt(volume.name()).isPresent(); // only by its grace period
                if (!retired && !moving.contains(volume.name()) && volume.createdByBerth() && unused(volume.name(), nodes)) {
                    volume.delete();
                    deleted.add(volume.name());
                }
            }
        }
        options.retiredOlderThan().ifPresent(grace -> deleted.addAll(deleteRetired(ctx, options, grace)));
        if (!deleted.isEmpty()) {
            LOG.info("Pruned volumes {} on node {}", deleted, ctx.node().id());
        }
        return deleted;
    }

    private static boolean unused(String volume, List<EngineContext> nodes) {
        return nodes.stream().allMatch(n -> VolumeStore.of(n).containersUsing(volume).isEmpty());
    }

    /** The retired source copies of moves, past their grace period and unused. */
    private static List<String> deleteRetired(EngineContext ctx, PruneOptions options, Duration grace) {
        List<String> down = ctx.cluster().nodes().stream().filter(n -> !n.ready()).map(Node::id).toList();
        if (!down.isEmpty()) {
            // The moved copy may be on a node that cannot be reached: the retired copy may be the only one left.
            LOG.warn("Retired copies on node {} are kept: nodes {} are down, and may hold the copies they were moved "
                    + "to. Prune again when every node is up.", ctx.node().id(), down);
            return List.of();
        }
        Instant before = Instant.now().minus(grace);
        List<String> deleted = new ArrayList<>();
        for (PersistentVolume volume : VolumeStore.of(ctx).withLabels(options.labels())) {
            boolean expired = RetiredVolumes.retiredAt(volume.name()).filter(at -> !at.isAfter(before)).isPresent();
            if (expired && volume.createdByBerth() && VolumeStore.of(ctx).containersUsing(volume.name()).isEmpty()) {
                volume.delete();
                deleted.add(volume.name());
            }
        }
        return deleted;
    }

    /**
     * Removes the services Berth made that carry the options' labels: those with no task, or all of them when running
     * ones are included. Returns their names.
     */
    private static List<String> pruneServices(Engine manager, PruneOptions options) {
        List<String> removed = new ArrayList<>();
        for (ServiceInfo s : manager.listServices(Labels.managed(options.labels()))) {
            if (options.includeRunning() || s.spec().replicas() == 0) {
                manager.removeService(s.id());
                removed.add(s.spec().name());
            }
        }
        return removed;
    }
}
