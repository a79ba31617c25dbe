package dev.berth.docker.internal.cluster;

import dev.berth.ReplicaSet;
import dev.berth.ReplicaSetSpec;
import dev.berth.docker.internal.node.EngineContext;

/** {@code berth.replicaSet(name)}: collects the spec, then starts every replica. */
public final class DockerReplicaSetBuilder extends ReplicaSet.Builder {
    private final EngineContext ctx;

    public DockerReplicaSetBuilder(EngineContext ctx, String name) {
        super(name);
        this.ctx = ctx;
    }

    @Override
    public ReplicaSet start() {
        ReplicaSetSpec spec = spec();
        return new DockerReplicaSet(ctx, spec).scale(spec.replicas());
    }
}
