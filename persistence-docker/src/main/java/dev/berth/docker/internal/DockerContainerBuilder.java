package dev.berth.docker.internal;

import dev.berth.ContainerSpec;
import dev.berth.StatefulContainer;

/** {@code berth.container(name)}: collects the spec, then launches it. */
final class DockerContainerBuilder extends ContainerSpec.Builder {
    private final EngineContext ctx;

    DockerContainerBuilder(EngineContext ctx, String name) {
        super(name);
        this.ctx = ctx;
    }

    @Override
    public StatefulContainer start() {
        ContainerSpec spec = spec();
        return LiveContainers.register(new DockerStatefulContainer(NodeChoice.contextFor(ctx, spec), spec))
                .launch(true);
    }

    @Override
    public StatefulContainer create() {
        ContainerSpec spec = spec();
        return LiveContainers.register(new DockerStatefulContainer(NodeChoice.contextFor(ctx, spec), spec))
                .launch(false);
    }
}
