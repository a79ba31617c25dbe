package dev.berth.docker.internal.cluster;

import dev.berth.ContainerSpec;
import dev.berth.StatefulContainer;
import dev.berth.docker.internal.container.DockerStatefulContainer;
import dev.berth.docker.internal.container.LiveContainers;
import dev.berth.docker.internal.node.EngineContext;

/** {@code berth.container(name)}: collects the spec, then launches it. */
public final class DockerContainerBuilder extends StatefulContainer.Builder {
    private final EngineContext ctx;

    public DockerContainerBuilder(EngineContext ctx, String name) {
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
