package dev.berth.docker.internal.container;

import dev.berth.BerthException;
import dev.berth.ContainerSpec;
import dev.berth.ContainerState;
import dev.berth.ExecResult;
import dev.berth.Node;
import dev.berth.NotFoundException;
import dev.berth.PersistentVolume;
import dev.berth.ReclaimPolicy;
import dev.berth.StatefulContainer;
import dev.berth.VolumeMount;
import dev.berth.docker.internal.common.Deadline;
import dev.berth.docker.internal.engine.Engine;
import dev.berth.docker.internal.node.EngineContext;
import dev.berth.docker.internal.volume.VolumeStore;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stateful container on one node: a plain container ({@link PlainContainer}) or, on a Swarm, a one-task service
 * pinned to the node of its volumes ({@link PinnedService}). What is the same either way lives here: readiness,
 * signals, exec, ports, moves between nodes, and the refusal to start anywhere but where the data is. Operations are
 * serialised per handle.
 */
public final class DockerStatefulContainer implements StatefulContainer {
    private static final Logger LOG = LoggerFactory.getLogger(DockerStatefulContainer.class);

    private volatile EngineContext ctx;
    private final ContainerSpec spec;
    /** How it runs now; decided on first use, and again after a move. */
    private volatile @Nullable Incarnation incarnation;

    public DockerStatefulContainer(EngineContext ctx, ContainerSpec spec) {
        this.ctx = ctx;
        this.spec = spec;
    }

    /** The engine of the node the container is on now. */
    private Engine engine() {
        return ctx.engine();
    }

    /**
     * A Swarm service when the connected engine manages a Swarm and the container has a placement, runs on another
     * node, or already is one; otherwise a plain container.
     */
    private Incarnation incarnation() {
        Incarnation current = incarnation;
        if (current == null) {
            EngineContext here = ctx;
            boolean asService = here.cluster().isSwarm() && (spec.placement().isPresent()
                    || !here.node().id().equals(here.cluster().localNodeId())
                    || PinnedService.exists(here, spec.name()));
            current = asService ? new PinnedService(here, spec) : new PlainContainer(here, spec);
            incarnation = current;
        }
        return current;
    }

    /** Creates (and, when {@code start}, starts) a fresh container, replacing an older one of Berth's. */
    public synchronized DockerStatefulContainer launch(boolean start) {
        return launch(start, true);
    }

    /** With {@code settleMoves}, settles first what interrupted moves of its volumes left (not in a move of its own). */
    synchronized DockerStatefulContainer launch(boolean start, boolean settleMoves) {
        LaunchChecks.requireVolumesExist(ctx, spec, settleMoves);
        boolean firstStart = start && LaunchChecks.firstStart(ctx, spec);
        Optional<String> id = incarnation().launch(start);
        if (start) {
            awaitReady(id.orElseThrow(), firstStart);
        }
        return this;
    }

    private void awaitReady(String containerId, boolean firstStart) {
        ReadinessWait.await(engine(), this, containerId, firstStart, ctx.settings().readyTimeout());
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public ContainerSpec spec() {
        return spec;
    }

    @Override
    public synchronized void start() {
        if (!ctx.node().id().equals(ctx.cluster().localNodeId())) {
            ContainerMove.requireReady(ctx, spec, ctx.node());
        }
        if (state() != ContainerState.RUNNING) {
            launch(true);
        }
    }

    @Override
    public synchronized void stop() {
        incarnation().stop();
        LOG.info("Stopped container {}", spec.name());
    }

    @Override
    public void kill() {
        kill("SIGKILL");
    }

    @Override
    public synchronized void kill(String signal) {
        String id = currentId();
        engine().killContainer(id, signal);
        if ("SIGKILL".equals(signal) || "KILL".equals(signal) || "9".equals(signal)) {
            ContainerIo.awaitNotRunning(engine(), id);
        }
        LOG.info("Sent {} to container {}", signal, spec.name());
    }

    @Override
    public synchronized void pause() {
        engine().pauseContainer(currentId());
    }

    @Override
    public synchronized void unpause() {
        engine().unpauseContainer(currentId());
    }

    @Override
    public synchronized void restart() {
        stop();
        launch(true);
    }

    @Override
    public synchronized void recreate() {
        LaunchChecks.requireVolumesExist(ctx, spec, true);
        boolean firstStart = LaunchChecks.firstStart(ctx, spec);
        awaitReady(incarnation().recreate(), firstStart);
        LOG.info("Recreated container {} on node {}", spec.name(), ctx.node().id());
    }

    @Override
    public ExecResult exec(String... command) {
        return engine().exec(currentId(), List.of(command), ctx.settings().readyTimeout());
    }

    @Override
    public String logs() {
        return engine().logs(currentId(), ctx.settings().responseTimeout());
    }

    @Override
    public ContainerState state() {
        Optional<String> current = incarnation().container();
        if (current.isEmpty()) {
            return ContainerState.ABSENT;
        }
        return engine().inspectContainer(current.get()).map(c -> ContainerIo.stateOf(c.state())).orElse(ContainerState.ABSENT);
    }

    /** The engine's host; for a container on another node of a Swarm, that node's address. */
    @Override
    public String host() {
        EngineContext current = ctx;
        if (current.engine() != current.cluster().localEngine()) {
            return current.node().address().orElse(current.engine().publishedHost());
        }
        return current.settings().publishedHost().orElse(current.engine().publishedHost());
    }

    @Override
    public int mappedPort(int containerPort) {
        if (!spec.ports().contains(containerPort)) {
            throw new IllegalArgumentException("port " + containerPort + " of container '" + spec.name()
                    + "' was not published: add .port(" + containerPort + ") to its spec");
        }
        String id = currentId();
        Integer bound = engine().inspectContainer(id).map(c -> c.ports().get(containerPort)).orElse(null);
        if (bound == null) {
            throw new BerthException("Port " + containerPort + " of container '" + spec.name()
                    + "' has no host binding: is the container running? (state " + state() + ")");
        }
        return bound;
    }

    @Override
    public List<PersistentVolume> volumes() {
        EngineContext current = ctx;
        return spec.mounts().stream().map(VolumeMount::volume).map(PersistentVolume::name).distinct()
                .map(name -> VolumeStore.of(current).find(name).orElseThrow(() -> new NotFoundException("volume", name)))
                .toList();
    }

    @Override
    public Node node() {
        return ctx.node();
    }

    @Override
    public synchronized dev.berth.MoveReport moveTo(Node target) {
        return new ContainerMove(this, ctx, target).run();
    }

    /** The context (node) it runs on from now; how it runs there is decided again on first use. */
    void relocate(EngineContext to) {
        ctx = to;
        incarnation = null;
    }

    /** How it runs now. */
    Incarnation current() {
        return incarnation();
    }

    @Override
    public synchronized void remove() {
        incarnation().remove();
        for (PersistentVolume volume : volumes()) {
            if (volume.reclaimPolicy() == ReclaimPolicy.DELETE && volume.createdByBerth()
                    && VolumeStore.of(ctx).containersUsing(volume.name()).isEmpty()) {
                volume.delete();
            }
        }
    }

    private String currentId() {
        return incarnation().container().orElseThrow(() -> Incarnation.none(spec.name()));
    }

    @Override
    public String toString() {
        return "StatefulContainer[" + spec.name() + ", image=" + spec.image() + ", mounts=" + spec.mounts() + "]";
    }
}
