package dev.berth.docker.internal;

import com.github.dockerjava.api.model.Container;
import dev.berth.PersistentVolume;
import dev.berth.PruneOptions;
import dev.berth.PruneReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Removes what Berth created and the options select; never anything else. */
final class Pruner {
    private static final Logger LOG = LoggerFactory.getLogger(Pruner.class);

    private Pruner() {
    }

    /**
     * Prunes every node Berth can reach: on a Swarm, Berth's services first (their tasks' containers go with them),
     * then each node's own engine; otherwise the one engine.
     */
    static PruneReport prune(EngineContext ctx, PruneOptions options) {
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
        List<String> filters = new ArrayList<>();
        filters.add(Labels.MANAGED_BY + "=" + Labels.MANAGED_BY_VALUE);
        options.labels().forEach((k, v) -> filters.add(k + "=" + v));
        List<Container> containers = engine.call(() -> engine.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(filters).exec());
        List<String> removed = new ArrayList<>();
        for (Container c : containers) {
            if ("running".equals(c.getState()) && !options.includeRunning()) {
                continue;
            }
            engine.runIgnoringAbsent(() -> engine.client().removeContainerCmd(c.getId())
                    .withForce(true).withRemoveVolumes(true).exec());
            removed.add(VolumeStore.nameOf(c));
        }
        List<String> deleted = new ArrayList<>();
        if (options.includeVolumes()) {
            for (PersistentVolume volume : ctx.volumes().withLabels(options.labels())) {
                if (volume.createdByBerth() && ctx.volumes().containersUsing(volume.name()).isEmpty()) {
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
        Instant before = Instant.now().minus(grace);
        List<String> deleted = new ArrayList<>();
        for (PersistentVolume volume : ctx.volumes().withLabels(options.labels())) {
            boolean expired = RetiredVolumes.retiredAt(volume.name()).filter(at -> !at.isAfter(before)).isPresent();
            if (expired && volume.createdByBerth() && ctx.volumes().containersUsing(volume.name()).isEmpty()) {
                volume.delete();
                deleted.add(volume.name());
            }
        }
        return deleted;
    }
}
