package dev.berth.docker.internal.volume;

import dev.berth.Node;
import dev.berth.NodeUnavailableException;
import dev.berth.NotFoundException;
import dev.berth.PersistentVolume;
import dev.berth.VolumeScope;
import dev.berth.VolumeSpec;
import dev.berth.docker.internal.node.EngineContext;

/** {@code berth.volume(name)}: collects the spec, then creates or finds the volume on its node's engine. */
public final class DockerVolumeBuilder extends PersistentVolume.Builder {
    private final EngineContext ctx;

    public DockerVolumeBuilder(EngineContext ctx, String name) {
        super(name);
        this.ctx = ctx;
    }

    @Override
    public PersistentVolume create() {
        VolumeSpec spec = spec();
        if (spec.nodeId().isEmpty()) {
            VolumeStore here = VolumeStore.of(ctx);
            // a LOCAL volume of the local driver: another driver's volume may be on storage every node reaches
            boolean firstUse = ctx.cluster().isSwarm() && "local".equals(spec.driver())
                    && spec.scope().orElse(VolumeScope.LOCAL) == VolumeScope.LOCAL;
            return firstUse ? here.createOrFind(spec) : here.create(spec);
        }
        String id = spec.nodeId().get();
        Node node = ctx.cluster().node(id).orElseThrow(() -> new NotFoundException("node", id));
        if (!node.ready()) {
            throw new NodeUnavailableException(id, "Node " + id + " (" + node.name() + ") is down: volume '"
                    + spec.name() + "' cannot be created there now. Wait for the node, or choose another.");
        }
        return VolumeStore.of(ctx.on(node)).create(spec);
    }
}
