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
import dev.berth.docker.internal.volume.RetiredVolumes;
import dev.berth.docker.internal.volume.VolumeStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
            return pruneOne(ctx, options);
        }
        List<String> containers = new ArrayList<>(PinnedService.prune(ctx.cluster().localEngine(), options));
        List<String> volumes = new ArrayList<>();
        for (EngineContext node : ctx.everyNode()) {
            PruneReport report = pruneOne(node, options);
            containers.addAll(report.containers());
            volumes.addAll(report.volumes());
        }
        return new PruneReport(containers.stream().distinct().toList(), volumes);
    }

    private static PruneReport pruneOne(EngineContext ctx, PruneOptions options) {
        Engine engine = ctx.engine();
        List<ContainerInfo> containers = engine.listContainers(ContainerQuery.labelled(
                Labels.managed(options.labels())));
        List<String> removed = new ArrayList<>();
        for (ContainerInfo c : containers) {
            if ((c.running() || c.paused() || c.restarting()) && !options.includeRunning()) { // a writer, live
                continue;
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
                if (!retired && volume.createdByBerth() && VolumeStore.of(ctx).containersUsing(volume.name()).isEmpty()) {
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
