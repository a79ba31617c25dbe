package dev.berth.docker.internal.volume;

import dev.berth.BerthException;
import dev.berth.PersistentVolume;
import dev.berth.docker.internal.node.EngineContext;
import dev.berth.docker.internal.node.Labels;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A LOCAL volume created on a Swarm without a node is bound on first use: it is made on the manager, marked, and goes
 * to the node where its first container is placed (as Kubernetes' WaitForFirstConsumer), the user's handle with it.
 * Only while it is still as it was made: created by Berth, marked, mounted by no container, and empty. It is removed
 * from the manager before it is made on the target: were the JVM to die in between, no twin is left, only nothing,
 * and nothing is lost, since it held nothing; {@code create()} makes it again.
 */
public final class FirstUseBinding {
    private static final Logger LOG = LoggerFactory.getLogger(FirstUseBinding.class);
    /** On a volume made without a node on a Swarm, until it is bound; Docker's labels never change afterwards. */
    static final String LABEL = Labels.PREFIX + "bound-on";
    static final Map<String, String> UNBOUND = Map.of(LABEL, "first-use");

    private FirstUseBinding() {
    }

    /** Whether the volume was made without a node, on a Swarm, and has not been bound since. */
    public static boolean unbound(PersistentVolume volume) {
        return volume instanceof DockerVolume v && v.createdByBerth()
                && v.context().engine().inspectVolume(v.name()).map(i -> i.labels().get(LABEL)).isPresent();
    }

    /**
     * Binds the volumes to the node of {@code target}: each is removed where it is and made there, and its handle
     * follows. {@link #unbound} must hold for each.
     *
     * @throws BerthException when one is mounted or holds data: then it stays where it is, and moves only explicitly
     */
    public static void bind(List<PersistentVolume> volumes, EngineContext target) {
        for (PersistentVolume volume : volumes) {
            DockerVolume v = (DockerVolume) volume;
            VolumeStore source = VolumeStore.of(v.context());
            List<String> users = source.containersUsing(v.name());
            if (!users.isEmpty() || !v.isEmpty()) {
                throw new BerthException("Volume '" + v.name() + "' was made without a node and would be bound to "
                        + "node " + target.node().id() + " on first use, but it " + (users.isEmpty() ? "holds data"
                        : "is mounted by " + users) + " on node " + v.node().id() + ". Move it explicitly "
                        + "(volume.moveTo(node)), or place the container where it is.");
            }
            v.context().engine().removeVolume(v.name());
            VolumeStore there = VolumeStore.of(target);
            there.createHere(v.spec(), Map.of());
            v.follow(there);
            LOG.info("Bound volume {} on first use to node {}, where its first container goes", v.name(),
                    target.node().id());
        }
    }
}
