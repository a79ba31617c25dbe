package dev.berth.docker.internal.container;

import dev.berth.ContainerSpec;
import dev.berth.ExclusiveAccessException;
import dev.berth.NameTakenException;
import dev.berth.VolumeMount;
import dev.berth.docker.internal.common.Deadline;
import dev.berth.docker.internal.engine.ContainerInfo;
import dev.berth.docker.internal.engine.ContainerQuery;
import dev.berth.docker.internal.engine.Engine;
import dev.berth.docker.internal.engine.ServiceDefinition;
import dev.berth.docker.internal.engine.ServiceInfo;
import dev.berth.docker.internal.engine.TaskInfo;
import dev.berth.docker.internal.guard.WriterLock;
import dev.berth.docker.internal.node.EngineContext;
import dev.berth.docker.internal.node.Images;
import dev.berth.docker.internal.node.Labels;
import dev.berth.docker.internal.node.ServiceNames;
import dev.berth.docker.internal.volume.VolumeStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stateful container run as a Swarm service with one task pinned to the node where its LOCAL volumes live, so that
 * Swarm's own machinery restarts it there, and never elsewhere on empty volumes. Services are made through the manager
 * Berth is connected to; the task's container is reached through its node's own engine.
 */
public final class PinnedService implements Incarnation {
    private static final Logger LOG = LoggerFactory.getLogger(PinnedService.class);
    /** The label Swarm puts on every task's container. */
    static final String SERVICE_LABEL = "com.docker.swarm.service.name";

    private final EngineContext ctx;
    private final ContainerSpec spec;
    private final ServiceTasks tasks;

    /** The service of {@code spec} on the node of {@code ctx}. */
    PinnedService(EngineContext ctx, ContainerSpec spec) {
        this.ctx = ctx;
        this.spec = spec;
        this.tasks = new ServiceTasks(ctx, spec);
    }

    private Engine manager() {
        return ctx.cluster().localEngine();
    }

    @Override
    public Optional<String> launch(boolean start) {
        Optional<String> id = deploy(start ? 1 : 0, ctx.settings().readyTimeout());
        if (start) {
            LOG.info("Started container {} ({}) as a Swarm service on node {}, volumes {}", spec.name(), spec.image(),
                    ctx.node().id(), spec.mounts());
        }
        return id;
    }

    /**
     * Readies a failover from {@code down}, a node that is down: re-pins the service to this node with no task, so
     * that Swarm never runs the old task again, also when that node comes back, and takes its writer locks from
     * there; a launch then runs it here. Only for GLOBAL volumes, whose data this node reaches.
     */
    void repinFrom(String down) {
        deploy(0, ctx.settings().readyTimeout());
        WriterLock.takeOver(ctx, spec.name(), spec.mounts(), down);
        LOG.warn("Failing over container {} from node {}, which is down, to node {}: its service is re-pinned here",
                spec.name(), down, ctx.node().id());
    }

    /**
     * Scales the service to no task, then stops the task's container through its node's engine, which returns as soon
     * as it has exited (Swarm takes a second or more to see the new desired state and act on it; with no replica
     * wanted, it does not start another). A task still on its way up is left for Swarm to end, and waited for.
     */
    @Override
    public void stop() {
        ServiceInfo service = tasks.serviceOrThrow();
        if (nodeIsDown()) {
            stopWhileDown(service);
            return;
        }
        Optional<String> running = tasks.running(service.id()).flatMap(TaskInfo::container);
        if (service.spec().replicas() > 0) {
            manager().updateService(service.id(), service.version(), service.spec().withReplicas(0));
        }
        if (running.isEmpty()) {
            tasks.awaitNone(service.id(), spec.stopTimeout().plus(ctx.settings().readyTimeout()));
        } else {
            ctx.engine().stopContainer(running.get(), spec.stopTimeout());
        }
        WriterLock.release(ctx, spec.name(), spec.mounts());
    }

    /**
     * Its node is down: the service is scaled to no task through the manager, so that the node's engine stops the
     * container as soon as it is back and Swarm never starts it again. Its writer locks stay with it until then: the
     * node may come back with the container still writing.
     */
    private void stopWhileDown(ServiceInfo service) {
        if (service.spec().replicas() > 0) {
            manager().updateService(service.id(), service.version(), service.spec().withReplicas(0));
        }
        LOG.warn("Container {} is on node {}, which is down: its service now wants no task, so the container stops as "
                + "soon as the node is back, and is not started again", spec.name(), ctx.node().id());
    }

    private boolean nodeIsDown() {
        String node = ctx.node().id();
        return !node.equals(ctx.cluster().localNodeId())
                && ctx.cluster().node(node).filter(dev.berth.Node::ready).isEmpty();
    }

    /** A running task is replaced by a fresh one; without one, the service is deployed to run one. */
    @Override
    public String recreate() {
        Duration timeout = ctx.settings().readyTimeout();
        Optional<ServiceInfo> service = tasks.service();
        Optional<String> running = service.flatMap(s -> tasks.running(s.id())).map(TaskInfo::id);
        if (running.isEmpty()) {
            return deploy(1, timeout).orElseThrow();
        }
        tasks.forceNew(service.get());
        return tasks.awaitRunning(running, timeout);
    }

    @Override
    public Optional<String> container() {
        return tasks.container();
    }

    /** Removes the service; its containers go with it (its named volumes never do). */
    @Override
    public void remove() {
        Optional<ServiceInfo> service = tasks.service();
        if (service.isEmpty()) {
            return;
        }
        manager().removeService(service.get().id());
        removeEndedContainers(ctx.engine(), spec.name());
        Deadline deadline = Deadline.after(spec.stopTimeout().plus(ctx.settings().readyTimeout()));
        while (!containers(ctx.engine(), spec.name()).isEmpty() && !deadline.passed()) {
            Deadline.pause();
        }
        WriterLock.release(ctx, spec.name(), spec.mounts());
        removeSecretsBut(List.of());
        LOG.info("Removed Swarm service {}", spec.name());
    }

    @Override
    public void removeLeftovers() {
        removeEndedContainers(ctx.engine(), spec.name());
    }

    /** Whether a service exists for the container of this name (made by Berth or not). */
    static boolean exists(EngineContext ctx, String containerName) {
        return ctx.cluster().localEngine().findService(ServiceNames.of(containerName)).isPresent();
    }

    /**
     * Creates or updates the service so that it runs {@code replicas} (0 or 1) tasks of this spec on this node; with 1,
     * waits for the task's container to run and returns its id.
     */
    private Optional<String> deploy(int replicas, Duration timeout) {
        Optional<ServiceInfo> existing = tasks.service();
        if (existing.isPresent() && !Labels.isManaged(existing.get().spec().labels())) {
            throw new NameTakenException(spec.name());
        }
        if (replicas > 0) {
            WriterLock.acquire(ctx, spec.name(), spec.mounts()); // held by the service: Swarm's restarts stay its
        }
        String image = Images.ensure(ctx.engine(), spec.image()); // by id: the node never asks a registry
        List<ServiceSpecs.SwarmSecret> secrets = ServiceSpecs.secrets(spec);
        for (ServiceSpecs.SwarmSecret s : secrets) {
            manager().createSecret(s.name(), s.value().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    Labels.forNew(ctx.settings().labels(), Map.of(Labels.CONTAINER, spec.name())));
        }
        ServiceDefinition wanted = ServiceSpecs.of(spec, image, ctx.node().id(), ctx.settings().labels(), replicas);
        if (existing.isEmpty()) {
            manager().createService(wanted);
            removeSecretsBut(secrets);
            LOG.info("Created Swarm service {} ({}) pinned to node {}", spec.name(), spec.image(), ctx.node().id());
            return replicas == 0 ? Optional.empty() : Optional.of(tasks.awaitRunning(Optional.empty(), timeout));
        }
        ServiceInfo service = existing.get();
        Optional<String> replaced = Optional.empty();
        if (!sameDeployment(service.spec(), wanted)) {
            replaced = tasks.running(service.id()).map(TaskInfo::id);
            manager().updateService(service.id(), service.version(), wanted.withForceUpdate(service.spec().forceUpdate()));
            removeSecretsBut(secrets);
        }
        return replicas == 0 ? Optional.empty() : Optional.of(tasks.awaitRunning(replaced, timeout));
    }

    /** Removes this container's Swarm secrets but the given ones: a rotated value leaves its old secret behind. */
    private void removeSecretsBut(List<ServiceSpecs.SwarmSecret> keep) {
        List<String> kept = keep.stream().map(ServiceSpecs.SwarmSecret::name).toList();
        for (String name : manager().secretNames(Labels.managed(Map.of(Labels.CONTAINER, spec.name())))) {
            if (!kept.contains(name)) {
                try {
                    manager().removeSecret(name);
                } catch (RuntimeException inUse) {
                    LOG.debug("Secret {} of container {} is still in use; a later deploy removes it", name,
                            spec.name());
                }
            }
        }
    }

    /** Removes the ended task containers Swarm keeps as history on a node; they would keep its volumes in use. */
    static void removeEndedContainers(Engine node, String containerName) {
        for (ContainerInfo c : containers(node, containerName)) {
            if (!c.running() && !c.paused()) {
                node.removeContainer(c.id());
            }
        }
    }

    private static List<ContainerInfo> containers(Engine node, String containerName) {
        return node.listContainers(ContainerQuery.labelled(Map.of(SERVICE_LABEL, ServiceNames.of(containerName))));
    }

    private static boolean sameDeployment(ServiceDefinition current, ServiceDefinition wanted) {
        Map<String, String> a = current.labels();
        Map<String, String> b = wanted.labels();
        return b.get(Labels.SPEC_HASH).equals(a.get(Labels.SPEC_HASH))
                && b.get(ServiceSpecs.NODE).equals(a.get(ServiceSpecs.NODE))
                && current.replicas() == wanted.replicas();
    }

}
