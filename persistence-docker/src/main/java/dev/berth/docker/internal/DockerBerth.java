package dev.berth.docker.internal;

import dev.berth.Berth;
import dev.berth.BerthSettings;
import dev.berth.Cluster;
import dev.berth.ContainerSpec;
import dev.berth.PersistentVolume;
import dev.berth.Plugins;
import dev.berth.PruneOptions;
import dev.berth.PruneReport;
import dev.berth.ReplicaSet;
import dev.berth.ReplicaSetSpec;
import dev.berth.Snapshots;
import dev.berth.StatefulContainer;
import dev.berth.Usage;
import dev.berth.VolumeSpec;
import dev.berth.Volumes;
import dev.berth.docker.internal.cluster.DockerContainerBuilder;
import dev.berth.docker.internal.cluster.DockerReplicaSetBuilder;
import dev.berth.docker.internal.cluster.Pruner;
import dev.berth.docker.internal.engine.Engine;
import dev.berth.docker.internal.engine.EngineConnector;
import dev.berth.docker.internal.node.EngineContext;
import dev.berth.docker.internal.snapshot.DockerSnapshots;
import dev.berth.docker.internal.snapshot.SnapshotTaker;
import dev.berth.docker.internal.volume.DiskUsage;
import dev.berth.docker.internal.volume.DockerVolumeBuilder;
import dev.berth.docker.internal.volume.DockerPlugins;
import dev.berth.docker.internal.volume.VolumeStore;
import java.util.function.Function;

/** Berth on one Docker engine. Thread-safe. */
public final class DockerBerth implements Berth {
    private final EngineContext ctx;

    private DockerBerth(EngineContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Berth over an engine already open, reaching other nodes' engines through {@code opener}: how unit tests put
     * Berth on the fake engine.
     */
    public static Berth over(Engine engine, BerthSettings settings, Function<String, Engine> opener) {
        return new DockerBerth(EngineContext.connected(engine, settings, SnapshotTaker::take, opener));
    }

    public static Berth connect(BerthSettings settings) {
        Engine engine = EngineConnector.connect(settings);
        return new DockerBerth(EngineContext.connected(engine, settings, SnapshotTaker::take));
    }

    @Override
    public PersistentVolume.Builder volume(String name) {
        return new DockerVolumeBuilder(ctx, name);
    }

    @Override
    public StatefulContainer.Builder container(String name) {
        return new DockerContainerBuilder(ctx, name);
    }

    @Override
    public ReplicaSet.Builder replicaSet(String name) {
        return new DockerReplicaSetBuilder(ctx, name);
    }

    @Override
    public Plugins plugins() {
        return new DockerPlugins(ctx);
    }

    @Override
    public Usage usage() {
        return DiskUsage.of(ctx);
    }

    @Override
    public Volumes volumes() {
        return VolumeStore.of(ctx);
    }

    @Override
    public Snapshots snapshots() {
        return new DockerSnapshots(ctx);
    }

    @Override
    public PruneReport prune(PruneOptions options) {
        return Pruner.prune(ctx, options);
    }

    @Override
    public BerthSettings settings() {
        return ctx.settings();
    }

    @Override
    public Cluster cluster() {
        return ctx.cluster();
    }

    @Override
    public void close() {
        ctx.close();
    }

    @Override
    public String toString() {
        return "Berth[" + ctx.engine().endpoint() + "]";
    }
}
