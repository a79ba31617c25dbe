package dev.berth.docker.internal.container;

import dev.berth.BerthException;
import dev.berth.ContainerSpec;
import dev.berth.MoveReport;
import dev.berth.Node;
import dev.berth.NodeUnavailableException;
import dev.berth.PersistentVolume;
import dev.berth.VolumeMount;
import dev.berth.docker.internal.node.EngineContext;
import dev.berth.docker.internal.volume.GlobalVolumes;
import dev.berth.docker.internal.volume.VolumeMoves;
import dev.berth.docker.internal.volume.VolumeStore;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One move of a container to another node: record the move, copy its volumes while it runs, stop it, send what
 * changed and verify the copies on the target node, start it there.
 * Each step is recorded first ({@code VolumeMoves}), so that a JVM that dies at any point leaves a state the next start
 * settles. If anything fails, the copies are rolled back and it runs again on the source with its data; the first failure is the one thrown, any
 * later one is added to it as suppressed.
 */
final class ContainerMove {
    private static final Logger LOG = LoggerFactory.getLogger(ContainerMove.class);

    private final DockerStatefulContainer container;
    private final ContainerSpec spec;
    private final EngineContext source;
    private final Node target;

    ContainerMove(DockerStatefulContainer container, EngineContext source, Node target) {
        this.container = container;
        this.spec = container.spec();
        this.source = source;
        this.target = target;
    }

    MoveReport run() {
        Node from = source.node();
        if (from.id().equals(target.id())) {
            return new MoveReport(from, target, Duration.ZERO, 0, 0);
        }
        requirePlacementAllows();
        requireNoBinds();
        if (source.cluster().node(from.id()).filter(Node::ready).isEmpty() && source.cluster().isSwarm()) {
            return failOver(from);
        }
        requireReady(source, spec, target);
        EngineContext destination = source.on(target);
        Incarnation leaving = container.current();
        VolumeMoves moves = new VolumeMoves(source, destination, spec.name());
        long down;
        try {
            moves.announce(volumes()); // before it stops: from here on, no other container takes its volumes
            volumes().forEach(moves::preCopy); // while it runs: once stopped, only what changed is sent
            down = System.nanoTime();
            container.stop();
            moves.step("stopped", spec.name());
        } catch (RuntimeException e) {
            closeQuietly(moves, e);
            throw e;
        }
        long stopped = System.nanoTime();
        long copied;
        boolean relocated = false;
        try {
            volumes().forEach(moves::move);
            moves.commit();
            copied = System.nanoTime();
            container.relocate(destination);
            relocated = true;
            container.launch(true, false);
            moves.step("started on the target:", spec.name());
        } catch (RuntimeException e) {
            rollBack(moves, relocated, e);
            throw e;
        }
        long started = System.nanoTime();
        Duration downtime = Duration.ofNanos(started - down);
        leaving.removeLeftovers();
        moves.retireSources();
        LOG.info("Moved container {} from node {} to node {}: {} ms down (stop {} ms, copy and verify {} ms, start {} "
                + "ms), {} bytes copied and verified", spec.name(), from.id(), target.id(), downtime.toMillis(),
                (stopped - down) / 1_000_000, (copied - stopped) / 1_000_000, (started - copied) / 1_000_000,
                moves.bytes());
        return new MoveReport(from, target, downtime, moves.bytes(), moves.files());
    }

    /**
     * The source node is down: the container starts on the target once Berth knows that the old writer cannot run,
     * which it knows when every volume is GLOBAL (the target reaches the same data, nothing is copied) and the
     * container's Swarm service is re-pinned to the target, so that Swarm never runs the old task again, also when
     * the node comes back. The downtime reported is the failover's own; the container was down since its node was.
     */
    private MoveReport failOver(Node from) {
        requireReady(source, spec, target);
        EngineContext destination = source.on(target);
        List<String> local = volumes().stream()
                .filter(v -> GlobalVolumes.reachGlobal(VolumeStore.of(destination), v.spec()).isEmpty())
                .map(PersistentVolume::name).toList();
        if (!local.isEmpty()) {
            throw new NodeUnavailableException(from.id(), "Node " + from.id() + " (" + from.name() + ") is down, and"
                    + " container '" + spec.name() + "' cannot fail over to node " + target.id() + ": its LOCAL volumes "
                    + local + " are on that node. Wait for it to come back, or restore the latest snapshot on another "
                    + "node explicitly.");
        }
        long start = System.nanoTime();
        container.relocate(destination);
        if (!(container.current() instanceof PinnedService service)) {
            throw new IllegalStateException("a container on another node than the manager runs as a Swarm service");
        }
        service.repinFrom(from.id());
        container.launch(true, false);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        LOG.info("Failed over container {} from node {}, which is down, to node {} in {} ms; no data copied (its "
                + "volumes are GLOBAL)", spec.name(), from.id(), target.id(), took.toMillis());
        return new MoveReport(from, target, took, 0, 0);
    }

    /** Back on the source with its data; what fails on the way back is added to {@code first}. */
    private void rollBack(VolumeMoves moves, boolean relocated, RuntimeException first) {
        LOG.warn("Moving container {} to node {} failed ({}); starting it again on node {}", spec.name(),
                target.id(), first.getMessage(), source.node().id());
        if (relocated) {
            try {
                container.current().remove(); // nothing of it is left running on the target
            } catch (RuntimeException e) {
                first.addSuppressed(e);
            }
        }
        closeQuietly(moves, first);
        container.relocate(source);
        try {
            container.launch(true);
        } catch (RuntimeException e) {
            first.addSuppressed(e);
        }
    }

    private static void closeQuietly(VolumeMoves moves, RuntimeException first) {
        try {
            moves.rollBack();
        } catch (RuntimeException e) {
            first.addSuppressed(e);
        }
    }

    private List<PersistentVolume> volumes() {
        return spec.mounts().stream().map(VolumeMount::volume).distinct().toList();
    }

    /** A host directory does not travel with the container: moving would start it on another host's directory. */
    private void requireNoBinds() {
        if (!spec.binds().isEmpty()) {
            throw new BerthException("Container '" + spec.name() + "' bind-mounts host directories " + spec.binds()
                    + ", which stay on node " + source.node().id() + ": Berth does not move it to node " + target.id()
                    + ". Put that data on a volume (which moves with it, copied and verified), or remove the bind "
                    + "mounts, then move it.");
        }
    }

    /** A placement that pins the container to one node cannot be moved elsewhere without changing it. */
    private void requirePlacementAllows() {
        spec.placement().ifPresent(p -> p.constraints().stream()
                .filter(c -> c.startsWith("node.id==") && !c.equals("node.id==" + target.id())).findFirst()
                .ifPresent(c -> {
                    throw new BerthException("Container '" + spec.name() + "' is placed with " + c + ", so it cannot "
                            + "move to node " + target.id() + ". Give it a placement that node " + target.id()
                            + " satisfies (a node label, say), or none, then move it.");
                }));
    }

    /** Refuses to touch a node that is down, saying where the data is and what the user can do. */
    static void requireReady(EngineContext ctx, ContainerSpec spec, Node node) {
        Node now = ctx.cluster().node(node.id()).orElse(node);
        if (!now.ready()) {
            throw new NodeUnavailableException(node.id(), "Node " + node.id() + " (" + node.name() + ") is down. "
                    + "Container '" + spec.name() + "' is not started elsewhere with empty volumes: its LOCAL volumes "
                    + spec.mounts() + " are on that node. Wait for the node to come back, or restore the latest "
                    + "snapshot on another node explicitly.");
        }
    }
}
