package dev.berth.docker.internal;

import dev.berth.ReplicaSet;
import dev.berth.ReplicaSetSpec;

/** {@code berth.replicaSet(name)}: collects the spec, then starts every replica. */
final class DockerReplicaSetBuilder extends ReplicaSetSpec.Builder {
    private final EngineContext ctx;

    DockerReplicaSetBuilder(EngineContext ctx, String name) {
        super(name);
        this.ctx = ctx;
    }

    @Override
    public ReplicaSet start() {
        ReplicaSetSpec spec = spec();
        return new DockerReplicaSet(ctx, spec).scale(spec.replicas());
    }
}
