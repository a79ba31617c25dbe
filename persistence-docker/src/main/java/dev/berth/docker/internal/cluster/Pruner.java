package dev.berth.docker.internal.cluster;

import dev.berth.Node;
import dev.berth.PersistentVolume;
import dev.berth.PruneOptions;
import dev.berth.PruneReport;
import dev.berth.docker.internal.container.PinnedService;
import dev.berth.docker.internal.engine.ContainerInfo;
import dev.berth.docker.internal.engine.ContainerQuery;
import dev.berth.docker.internal.engine.Engine;
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
            return pruneOne(ctx, options, moving(List.of(ctx)));
        }
        List<String> containers = new ArrayList<>(PinnedService.prune(ctx.cluster().localEngine(), options));
        WriterLock.removeStaleSwarmLocks(ctx, options.labels()); // Berth's own bookkeeping, not reported
        List<String> volumes = new ArrayList<>();
        Set<String> moving = moving(ctx.everyNode());
        for (EngineContext node : ctx.everyNode()) {
            PruneReport report = pruneOne(node, options, moving);
            containers.addAll(report.containers());
            volumes.addAll(report.volumes());
        }
        return new PruneReport(containers.stream().distinct().toList(), volumes);
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

    private static PruneReport pruneOne(EngineContext ctx, PruneOptions options, Set<String> moving) {
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
        List<String> deleted = new ArrayList<>();
        if (options.includeVolumes()) {
            for (PersistentVolume volume : VolumeStore.of(ctx).withLabels(options.labels())) {
                boolean retired = RetiredVolumes.retiredAt(volume.name()).isPresent(); // only by its grace period
                if (!retired && !moving.contains(volume.name()) && volume.createdByBerth() && VolumeStore.of(ctx).containersUsing(volume.name()).isEmpty()) {
                    volume.delete();
                    deleted.add(volume.name());
                }
            }
        }
        options.retiredOlderThan().ifPresent(grace -> deleted.addAll(deleteRetired(ctx, options, grace)));
        if (!removed.isEmpty() || !deleted.isEmpty()) {
            LOG.info("Pruned containers {} and volumes {}", removed, deleted);
        }
        return new PruneReport(removed, deleted);
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
}
