package dev.berth.docker.internal.cluster;

import dev.berth.BerthException;
import dev.berth.ContainerSpec;
import dev.berth.Node;
import dev.berth.NodeUnavailableException;
import dev.berth.PersistentVolume;
import dev.berth.Placement;
import dev.berth.VolumeMount;
import dev.berth.VolumeScope;
import dev.berth.docker.internal.node.EngineContext;
import dev.berth.docker.internal.volume.DockerVolume;
import dev.berth.docker.internal.volume.FirstUseBinding;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a container starts: where its LOCAL volumes live (a container follows its data, never the other way round),
 * within its placement's constraints.
 */
public final class NodeChoice {
    private NodeChoice() {
    }

    public static EngineContext contextFor(EngineContext ctx, ContainerSpec spec) {
        boolean allHere = spec.mounts().stream().allMatch(m -> !(m.volume() instanceof DockerVolume v) || v.context() == ctx);
        if (spec.placement().isEmpty() && allHere) {
            return ctx;
        }
        Optional<Node> dataNode = dataNode(spec);
        Node target;
        if (spec.placement().isPresent()) {
            Placement placement = spec.placement().get();
            if (dataNode.isPresent() && !placement.allows(dataNode.get()) && boundOnFirstUse(spec)) {
                target = firstAllowed(ctx, spec, placement);
                FirstUseBinding.bind(localVolumes(spec), ctx.on(target));
            } else if (dataNode.isPresent()) {
                target = dataNode.get();
                if (!placement.allows(target)) {
                    throw new BerthException("Container '" + spec.name() + "' has " + placement + ", which excludes node "
                            + target.id() + " where its LOCAL volumes live. Move them first (volume.moveTo(node)), "
                            + "or change the placement.");
                }
            } else {
                target = firstAllowed(ctx, spec, placement);
            }
        } else {
            // no LOCAL volume: where its first volume was made (a GLOBAL volume is reached from there as well)
            target = dataNode.orElseGet(() -> spec.mounts().get(0).volume().node());
        }
        if (!target.ready()) {
            throw new NodeUnavailableException(target.id(), "Node " + target.id() + " (" + target.name() + ") is down. "
                    + "Container '" + spec.name() + "' is not started elsewhere with empty volumes: its LOCAL volumes "
                    + spec.mounts() + " are on that node. Wait for the node to come back, or restore the latest "
                    + "snapshot on another node explicitly.");
        }
        return ctx.on(target);
    }

    private static Node firstAllowed(EngineContext ctx, ContainerSpec spec, Placement placement) {
        return ctx.cluster().nodes().stream().filter(Node::ready).filter(placement::allows).findFirst()
                .orElseThrow(() -> new BerthException("No ready node satisfies " + placement + " for container '"
                        + spec.name() + "'; nodes: " + ctx.cluster().nodes()));
    }

    /** Whether every LOCAL volume it mounts was made without a node and waits for its first use to be placed. */
    private static boolean boundOnFirstUse(ContainerSpec spec) {
        return localVolumes(spec).stream().allMatch(FirstUseBinding::unbound);
    }

    private static List<PersistentVolume> localVolumes(ContainerSpec spec) {
        return spec.mounts().stream().map(VolumeMount::volume).filter(v -> v.scope() == VolumeScope.LOCAL).distinct()
                .toList();
    }

    private static Optional<Node> dataNode(ContainerSpec spec) {
        Map<String, Node> nodes = new LinkedHashMap<>();
        for (VolumeMount mount : spec.mounts()) {
            PersistentVolume volume = mount.volume();
            if (volume.scope() == VolumeScope.LOCAL) {
                Node node = volume.node();
                nodes.put(node.id(), node);
            }
        }
        if (nodes.size() > 1) {
            throw new BerthException("Container '" + spec.name() + "' mounts LOCAL volumes that live on different nodes "
                    + nodes.keySet() + ": move them to one node first (volume.moveTo(node)).");
        }
        return nodes.values().stream().findFirst();
    }
}
