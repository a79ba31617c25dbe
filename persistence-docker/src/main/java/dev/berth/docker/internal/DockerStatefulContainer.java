package dev.berth.docker.internal;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import dev.berth.BerthException;
import dev.berth.ContainerSpec;
import dev.berth.ContainerState;
import dev.berth.ExecResult;
import dev.berth.MoveReport;
import dev.berth.NameTakenException;
import dev.berth.Node;
import dev.berth.NodeUnavailableException;
import dev.berth.NotFoundException;
import dev.berth.PersistentVolume;
import dev.berth.ReclaimPolicy;
import dev.berth.StatefulContainer;
import dev.berth.VolumeMount;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stateful container on one engine(). Every start creates a fresh Docker container from the spec, after the
 * single-writer guard; the volumes carry the state. Operations are serialised per handle.
 */
final class DockerStatefulContainer implements StatefulContainer {
    private static final Logger LOG = LoggerFactory.getLogger(DockerStatefulContainer.class);

    private volatile EngineContext ctx;
    private final ContainerSpec spec;
    private volatile @Nullable String containerId;

    DockerStatefulContainer(EngineContext ctx, ContainerSpec spec) {
        this.ctx = ctx;
        this.spec = spec;
    }

    /** The engine of the node the container is on now. */
    private Engine engine() {
        return ctx.engine();
    }

    /** Creates (and, when {@code start}, starts) a fresh container, replacing an older one of Berth's. */
    synchronized DockerStatefulContainer launch(boolean start) {
        Optional<InspectContainerResponse> existing = inspectByName();
        if (existing.isPresent()) {
            InspectContainerResponse old = existing.get();
            if (!Labels.isManaged(old.getConfig().getLabels())) {
                throw new NameTakenException(spec.name());
            }
            if (start && Boolean.TRUE.equals(old.getState().getRunning())
                    && SpecHash.of(spec).equals(old.getConfig().getLabels().get(Labels.SPEC_HASH))) {
                containerId = old.getId();
                LOG.info("Container {} already runs with this spec; using it", spec.name());
                awaitReady();
                return this;
            }
            removeContainer(old.getId());
        }
        requireVolumesExist();
        Images.ensure(engine(), spec.image());
        String id = ContainerCreation.create(engine(), spec, ctx.settings().labels(), start);
        if (!start) {
            containerId = id;
            return this;
        }
        WriterGuard.claim(engine(), spec.name(), id, spec.mounts());
        containerId = id;
        try {
            engine().run(() -> engine().client().startContainerCmd(id).exec());
        } catch (RuntimeException e) {
            // A contender that never started must not hold its volumes.
            removeContainer(id);
            containerId = null;
            throw new BerthException("The engine could not start container '" + spec.name() + "': "
                    + Redaction.mask(String.valueOf(e.getMessage()), spec.secretEnv().values()), e);
        }
        LOG.info("Started container {} ({}) on volumes {}", spec.name(), spec.image(), spec.mounts());
        awaitReady();
        return this;
    }

    private void requireVolumesExist() {
        for (VolumeMount mount : spec.mounts()) {
            // The engine would silently create an empty volume of that name: never start on empty data.
            if (ctx.volumes().find(mount.volume().name()).isEmpty()) {
                throw new NotFoundException("volume", mount.volume().name());
            }
        }
    }

    private void awaitReady() {
        ReadinessWait.await(engine(), this, currentId(), ctx.settings().readyTimeout());
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
            requireReady(ctx.node());
        }
        if (state() != ContainerState.RUNNING) {
            launch(true);
        }
    }

    @Override
    public synchronized void stop() {
        String id = currentId();
        engine().runIgnoringAbsent(() -> {
            try {
                engine().client().stopContainerCmd(id).withTimeout((int) spec.stopTimeout().toSeconds()).exec();
            } catch (com.github.dockerjava.api.exception.NotModifiedException alreadyStopped) {
                // stopping a stopped container is done
            }
        });
        LOG.info("Stopped container {}", spec.name());
    }

    @Override
    public void kill() {
        kill("SIGKILL");
    }

    @Override
    public synchronized void kill(String signal) {
        String id = currentId();
        try {
            engine().run(() -> engine().client().killContainerCmd(id).withSignal(signal).exec());
        } catch (RuntimeException e) {
            if (FailureClassifier.classify(e) != Failure.CONFLICT) { // 409: it is not running
                throw e;
            }
        }
        if ("SIGKILL".equals(signal) || "KILL".equals(signal) || "9".equals(signal)) {
            awaitNotRunning(id);
        }
        LOG.info("Sent {} to container {}", signal, spec.name());
    }

    private void awaitNotRunning(String id) {
        for (int i = 0; i < 500 && state() == ContainerState.RUNNING; i++) {
            sleep(10);
        }
    }

    @Override
    public synchronized void pause() {
        String id = currentId();
        engine().run(() -> engine().client().pauseContainerCmd(id).exec());
    }

    @Override
    public synchronized void unpause() {
        String id = currentId();
        engine().run(() -> engine().client().unpauseContainerCmd(id).exec());
    }

    @Override
    public synchronized void restart() {
        stop();
        launch(true);
    }

    @Override
    public synchronized void recreate() {
        if (containerId != null) {
            removeContainer(containerId);
            containerId = null;
        }
        launch(true);
        LOG.info("Recreated container {}", spec.name());
    }

    @Override
    public ExecResult exec(String... command) {
        return ContainerIo.exec(engine(), currentId(), command);
    }

    @Override
    public String logs() {
        return ContainerIo.logs(engine(), currentId());
    }

    @Override
    public ContainerState state() {
        String id = containerId;
        if (id == null) {
            return ContainerState.ABSENT;
        }
        return engine().find(() -> engine().client().inspectContainerCmd(id).exec())
                .map(c -> stateOf(c.getState().getStatus()))
                .orElse(ContainerState.ABSENT);
    }

    static ContainerState stateOf(@Nullable String status) {
        if (status == null) {
            return ContainerState.ABSENT;
        }
        try {
            return ContainerState.valueOf(status.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return ContainerState.DEAD;
        }
    }

    /** The engine's host; for a container on another node of a Swarm, that node's address. */
    @Override
    public String host() {
        EngineContext current = ctx;
        if (current.engine() != current.cluster().localEngine()) {
            return current.node().address().orElse(current.engine().publishedHost());
        }
        return current.engine().publishedHost();
    }

    @Override
    public int mappedPort(int containerPort) {
        if (!spec.ports().contains(containerPort)) {
            throw new IllegalArgumentException("port " + containerPort + " of container '" + spec.name()
                    + "' was not published: add .port(" + containerPort + ") to its spec");
        }
        String id = currentId();
        Ports.Binding[] bindings = engine().call(() -> engine().client().inspectContainerCmd(id).exec())
                .getNetworkSettings().getPorts().getBindings().get(ExposedPort.tcp(containerPort));
        if (bindings == null || bindings.length == 0) {
            throw new BerthException("Port " + containerPort + " of container '" + spec.name()
                    + "' has no host binding: is the container running? (state " + state() + ")");
        }
        return Integer.parseInt(bindings[0].getHostPortSpec());
    }

    @Override
    public List<PersistentVolume> volumes() {
        EngineContext current = ctx;
        return spec.mounts().stream().map(VolumeMount::volume).map(PersistentVolume::name).distinct()
                .map(name -> current.volumes().find(name).orElseThrow(() -> new NotFoundException("volume", name)))
                .toList();
    }

    @Override
    public Node node() {
        return ctx.node();
    }

    @Override
    public synchronized MoveReport moveTo(Node target) {
        EngineContext source = ctx;
        Node from = source.node();
        if (from.id().equals(target.id())) {
            return new MoveReport(from, target, Duration.ZERO, 0, 0);
        }
        requireReady(target);
        EngineContext destination = source.on(target);
        long down = System.nanoTime();
        stop();
        long stopped = System.nanoTime();
        long copied;
        VolumeMoves moves = new VolumeMoves(source, destination);
        try {
            spec.mounts().stream().map(VolumeMount::volume).distinct().forEach(moves::move);
            copied = System.nanoTime();
            ctx = destination;
            containerId = null;
            launch(true);
        } catch (RuntimeException e) {
            moves.rollBack();
            ctx = source;
            LOG.warn("Moving container {} to node {} failed ({}); starting it again on node {}", spec.name(),
                    target.id(), e.getMessage(), from.id());
            launch(true);
            throw e;
        }
        long started = System.nanoTime();
        Duration downtime = Duration.ofNanos(started - down);
        source.engine().runIgnoringAbsent(() -> source.engine().client().removeContainerCmd(spec.name())
                .withForce(true).withRemoveVolumes(true).exec());
        moves.retireSources();
        LOG.info("Moved container {} from node {} to node {}: {} ms down (stop {} ms, copy and verify {} ms, start {} "
                + "ms), {} bytes copied and verified", spec.name(), from.id(), target.id(), downtime.toMillis(),
                (stopped - down) / 1_000_000, (copied - stopped) / 1_000_000, (started - copied) / 1_000_000,
                moves.bytes());
        return new MoveReport(from, target, downtime, moves.bytes(), moves.files());
    }

    /** Refuses to touch a node that is down, saying where the data is and what the user can do. */
    private void requireReady(Node node) {
        Node now = ctx.cluster().node(node.id()).orElse(node);
        if (!now.ready()) {
            throw new NodeUnavailableException(node.id(), "Node " + node.id() + " (" + node.name() + ") is down. "
                    + "Container '" + spec.name() + "' is not started elsewhere with empty volumes: its LOCAL volumes "
                    + spec.mounts() + " are on that node. Wait for the node to come back, or restore the latest "
                    + "snapshot on another node explicitly.");
        }
    }

    @Override
    public synchronized void remove() {
        if (containerId != null) {
            removeContainer(containerId);
            containerId = null;
        }
        for (PersistentVolume volume : volumes()) {
            if (volume.reclaimPolicy() == ReclaimPolicy.DELETE && volume.createdByBerth()
                    && ctx.volumes().containersUsing(volume.name()).isEmpty()) {
                volume.delete();
            }
        }
    }

    /** Removes a container with its anonymous volumes; named volumes are never touched by this. */
    private void removeContainer(String id) {
        engine().runIgnoringAbsent(() -> engine().client().removeContainerCmd(id)
                .withForce(true).withRemoveVolumes(true).exec());
    }

    private Optional<InspectContainerResponse> inspectByName() {
        return engine().find(() -> engine().client().inspectContainerCmd(spec.name()).exec())
                .filter(c -> c.getName().equals("/" + spec.name()));
    }

    private String currentId() {
        String id = containerId;
        if (id == null) {
            throw new BerthException("Container '" + spec.name() + "' has no running incarnation: call start() "
                    + "or recreate() first.");
        }
        return id;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BerthException("Interrupted", e);
        }
    }

    @Override
    public String toString() {
        return "StatefulContainer[" + spec.name() + ", image=" + spec.image() + ", mounts=" + spec.mounts() + "]";
    }
}
