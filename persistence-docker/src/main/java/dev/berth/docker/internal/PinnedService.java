package dev.berth.docker.internal;

import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.ServiceSpec;
import com.github.dockerjava.api.model.Task;
import com.github.dockerjava.api.model.TaskState;
import dev.berth.BerthException;
import dev.berth.ContainerSpec;
import dev.berth.ExclusiveAccessException;
import dev.berth.NameTakenException;
import dev.berth.PruneOptions;
import dev.berth.VolumeMount;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stateful container run as a Swarm service with one task pinned to the node where its LOCAL volumes live, so that
 * Swarm's own machinery restarts it there, and never elsewhere on empty volumes. Services are made through the manager
 * Berth is connected to; the task's container is reached through its node's own engine.
 */
final class PinnedService implements Incarnation {
    private static final Logger LOG = LoggerFactory.getLogger(PinnedService.class);
    /** The label Swarm puts on every task's container. */
    static final String SERVICE_LABEL = "com.docker.swarm.service.name";
    private static final Set<TaskState> ENDED = Set.of(TaskState.COMPLETE, TaskState.SHUTDOWN, TaskState.FAILED,
            TaskState.REJECTED, TaskState.REMOVE, TaskState.ORPHANED);
    private static final long POLL_MILLIS = 100;
    /** Swarm's limit on a service's name. */
    private static final int MAX_NAME = 63;
    private static final long FORCE_AFTER_NANOS = 1_000_000_000L;

    private final EngineContext ctx;
    private final ContainerSpec spec;

    /** The service of {@code spec} on the node of {@code ctx}. */
    PinnedService(EngineContext ctx, ContainerSpec spec) {
        this.ctx = ctx;
        this.spec = spec;
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

    @Override
    public void stop() {
        stop(spec.stopTimeout().plus(ctx.settings().readyTimeout()));
    }

    /** A running task is replaced by a fresh one; without one, the service is deployed to run one. */
    @Override
    public String recreate() {
        Duration timeout = ctx.settings().readyTimeout();
        Optional<Service> service = find(manager(), spec.name());
        Optional<String> running = service.flatMap(s -> runningTask(s.getId())).map(Task::getId);
        if (running.isEmpty()) {
            return deploy(1, timeout).orElseThrow();
        }
        forceNewTask(service.get());
        return awaitRunning(running, timeout);
    }

    /** The container of the running task, else of the newest task that has one; one listing of the tasks. */
    @Override
    public Optional<String> container() {
        List<Task> tasks = find(manager(), spec.name()).map(s -> tasks(s.getId())).orElse(List.of());
        return tasks.stream().filter(PinnedService::isRunning).findFirst()
                .or(() -> tasks.stream().filter(t -> containerOf(t).isPresent())
                        .max(Comparator.comparing(Task::getCreatedAt)))
                .flatMap(PinnedService::containerOf);
    }

    @Override
    public void remove() {
        remove(spec.stopTimeout().plus(ctx.settings().readyTimeout()));
    }

    @Override
    public void removeLeftovers() {
        removeEndedContainers(ctx.engine(), spec.name());
    }

    /** Whether a service exists for the container of this name (made by Berth or not). */
    static boolean exists(EngineContext ctx, String containerName) {
        return find(ctx.cluster().localEngine(), containerName).isPresent();
    }

    /**
     * The service's name: the container's, or, when that is longer than Swarm allows, its first characters and a hash
     * of the whole.
     */
    static String serviceName(String containerName) {
        if (containerName.length() <= MAX_NAME) {
            return containerName;
        }
        String hash = EngineEndpoints.sha256(containerName).substring(0, 12);
        return containerName.substring(0, MAX_NAME - hash.length() - 1).replaceAll("[-_.]+$", "") + "-" + hash;
    }

    private static Optional<Service> find(Engine manager, String containerName) {
        String name = serviceName(containerName);
        return manager.call(() -> manager.client().listServicesCmd().withNameFilter(List.of(name)).exec()).stream()
                .filter(s -> name.equals(s.getSpec().getName())).findFirst();
    }

    /**
     * Creates or updates the service so that it runs {@code replicas} (0 or 1) tasks of this spec on this node; with 1,
     * waits for the task's container to run and returns its id.
     */
    private Optional<String> deploy(int replicas, Duration timeout) {
        Optional<Service> existing = find(manager(), spec.name());
        if (existing.isPresent() && !Labels.isManaged(existing.get().getSpec().getLabels())) {
            throw new NameTakenException(spec.name());
        }
        if (replicas > 0) {
            requireNoOtherWriter();
        }
        String image = imageId();
        ServiceSpec wanted = ServiceSpecs.of(spec, image, ctx.node().id(), ctx.settings().labels(), replicas);
        if (existing.isEmpty()) {
            manager().call(() -> manager().client().createServiceCmd(wanted).exec());
            LOG.info("Created Swarm service {} ({}) pinned to node {}", spec.name(), spec.image(), ctx.node().id());
            return replicas == 0 ? Optional.empty() : Optional.of(awaitRunning(Optional.empty(), timeout));
        }
        Service service = existing.get();
        Optional<String> replaced = Optional.empty();
        if (!sameDeployment(service.getSpec(), wanted)) {
            wanted.getTaskTemplate().withForceUpdate(service.getSpec().getTaskTemplate().getForceUpdate());
            replaced = runningTask(service.getId()).map(Task::getId);
            update(service, wanted);
        }
        return replicas == 0 ? Optional.empty() : Optional.of(awaitRunning(replaced, timeout));
    }

    /**
     * Scales the service to no task, then stops the task's container through its node's engine, which returns as soon
     * as it has exited (Swarm takes a second or more to see the new desired state and act on it; with no replica
     * wanted, it does not start another). A task still on its way up is left for Swarm to end, and waited for.
     */
    private void stop(Duration timeout) {
        Service service = find(manager(), spec.name()).orElseThrow(() -> gone());
        Optional<String> running = runningTask(service.getId()).flatMap(PinnedService::containerOf);
        ServiceSpec scaled = service.getSpec();
        if (scaled.getMode().getReplicated().getReplicas() > 0) {
            scaled.getMode().getReplicated().withReplicas(0);
            update(service, scaled);
        }
        if (running.isEmpty()) {
            awaitNoTask(service.getId(), timeout); // a task on its way up: Swarm ends it
            return;
        }
        ContainerIo.stop(ctx.engine(), running.get(), spec.stopTimeout());
    }

    /** Removes the service; its containers go with it (its named volumes never do). */
    private void remove(Duration timeout) {
        Optional<Service> service = find(manager(), spec.name());
        if (service.isEmpty()) {
            return;
        }
        manager().runIgnoringAbsent(() -> manager().client().removeServiceCmd(service.get().getId()).exec());
        removeEndedContainers(ctx.engine(), spec.name());
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!containers(ctx.engine(), spec.name()).isEmpty() && System.nanoTime() < deadline) {
            sleep();
        }
        LOG.info("Removed Swarm service {}", spec.name());
    }

    /**
     * Removes the services Berth made that carry the options' labels: those with no task, or all of them when running
     * ones are included. Returns their names.
     */
    static List<String> prune(Engine manager, PruneOptions options) {
        Map<String, String> filter = new LinkedHashMap<>(options.labels());
        filter.put(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE);
        List<String> removed = new ArrayList<>();
        for (Service s : manager.call(() -> manager.client().listServicesCmd().withLabelFilter(filter).exec())) {
            if (options.includeRunning() || s.getSpec().getMode().getReplicated().getReplicas() == 0) {
                manager.runIgnoringAbsent(() -> manager.client().removeServiceCmd(s.getId()).exec());
                removed.add(s.getSpec().getName());
            }
        }
        return removed;
    }

    /** Removes the ended task containers Swarm keeps as history on a node; they would keep its volumes in use. */
    static void removeEndedContainers(Engine node, String containerName) {
        for (Container c : containers(node, containerName)) {
            if (!"running".equals(c.getState()) && !"paused".equals(c.getState())) {
                node.runIgnoringAbsent(() -> node.client().removeContainerCmd(c.getId()).withForce(true)
                        .withRemoveVolumes(true).exec());
            }
        }
    }

    private static List<Container> containers(Engine node, String containerName) {
        return node.call(() -> node.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(SERVICE_LABEL, serviceName(containerName))).exec());
    }

    private void update(Service service, ServiceSpec next) {
        manager().run(() -> manager().client().updateServiceCmd(service.getId(), next)
                .withVersion(service.getVersion().getIndex()).exec());
    }

    /** The task's image by id: the node then uses its own copy and never asks a registry. */
    private String imageId() {
        return Images.ensure(ctx.engine(), spec.image());
    }

    private static boolean sameDeployment(ServiceSpec current, ServiceSpec wanted) {
        Map<String, String> a = current.getLabels();
        Map<String, String> b = wanted.getLabels();
        return a != null && b.get(Labels.SPEC_HASH).equals(a.get(Labels.SPEC_HASH))
                && b.get(ServiceSpecs.NODE).equals(a.get(ServiceSpecs.NODE))
                && current.getMode().getReplicated().getReplicas() == wanted.getMode().getReplicated().getReplicas();
    }

    /** A running container of another container holding one of our single-writer volumes refuses the start. */
    private void requireNoOtherWriter() {
        for (VolumeMount mount : spec.mounts()) {
            if (mount.readOnly() || mount.volume().accessMode() != dev.berth.AccessMode.SINGLE_WRITER) {
                continue;
            }
            WriterGuard.writers(ctx.engine(), mount.volume().name()).stream()
                    .filter(c -> c.getLabels() == null
                            || !serviceName(spec.name()).equals(c.getLabels().get(SERVICE_LABEL)))
                    .findFirst()
                    .ifPresent(holder -> {
                        throw new ExclusiveAccessException(mount.volume().name(), VolumeStore.nameOf(holder),
                                spec.name());
                    });
        }
    }

    /**
     * Waits for a task (other than {@code previousTask}) whose container runs on the node. When no task is left to run
     * (one that exited under a restart policy that does not restart it, or died with its node), forces a new one.
     */
    private String awaitRunning(Optional<String> previousTask, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextForce = System.nanoTime() + FORCE_AFTER_NANOS; // Swarm's own restart goes first
        Optional<Task> last = Optional.empty();
        while (System.nanoTime() < deadline) {
            Service service = find(manager(), spec.name()).orElseThrow(() -> gone());
            List<Task> tasks = tasks(service.getId());
            Optional<String> running = tasks.stream().filter(PinnedService::isRunning)
                    .filter(t -> previousTask.isEmpty() || !t.getId().equals(previousTask.get()))
                    .map(PinnedService::containerOf).flatMap(Optional::stream).filter(id -> ContainerIo.isRunning(ctx.engine(), id)).findFirst();
            if (running.isPresent()) {
                return running.get();
            }
            last = tasks.stream().max(Comparator.comparing(Task::getUpdatedAt));
            Optional<Task> rejected = last.filter(t -> t.getStatus().getState() == TaskState.REJECTED);
            if (rejected.isPresent()) {
                throw new BerthException("Node " + ctx.node().id() + " refused the task of container '" + spec.name()
                        + "': " + describe(rejected.get()) + ". Check that image " + spec.image()
                        + " and its volumes are on that node.");
            }
            boolean live = tasks.stream().anyMatch(t -> t.getDesiredState() == TaskState.RUNNING
                    && t.getStatus() != null && !ENDED.contains(t.getStatus().getState()));
            if (!live && System.nanoTime() > nextForce) {
                forceNewTask(service);
                nextForce = System.nanoTime() + 2 * FORCE_AFTER_NANOS;
            }
            sleep();
        }
        throw new BerthException("The Swarm service of container '" + spec.name() + "' has no running task on node "
                + ctx.node().id() + " after " + timeout.toSeconds() + " s (last task: "
                + last.map(PinnedService::describe).orElse("none") + "). Is the node up and does it have image "
                + spec.image() + "?");
    }

    private void forceNewTask(Service service) {
        ServiceSpec next = service.getSpec();
        Integer force = next.getTaskTemplate().getForceUpdate();
        next.getTaskTemplate().withForceUpdate(force == null ? 1 : force + 1);
        update(service, next);
    }

    private void awaitNoTask(String serviceId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (tasks(serviceId).stream().anyMatch(t -> !ENDED.contains(t.getStatus().getState()))) {
            if (System.nanoTime() > deadline) {
                throw new BerthException("The task of container '" + spec.name() + "' did not stop within "
                        + timeout.toSeconds() + " s");
            }
            sleep();
        }
    }

    private Optional<Task> runningTask(String serviceId) {
        return tasks(serviceId).stream().filter(PinnedService::isRunning).findFirst();
    }

    private List<Task> tasks(String serviceId) {
        return manager().call(() -> manager().client().listTasksCmd().withServiceFilter(serviceId).exec()).stream()
                .filter(t -> serviceId.equals(t.getServiceId())).toList();
    }

    private static boolean isRunning(Task t) {
        return t.getDesiredState() == TaskState.RUNNING && t.getStatus() != null
                && t.getStatus().getState() == TaskState.RUNNING && containerOf(t).isPresent();
    }

    private static Optional<String> containerOf(Task t) {
        return Optional.ofNullable(t.getStatus()).map(s -> s.getContainerStatus())
                .map(c -> c.getContainerID()).filter(id -> !id.isEmpty());
    }

    private static String describe(Task t) {
        String err = t.getStatus().getErr();
        return t.getStatus().getState() + (err == null || err.isEmpty() ? "" : ", " + err) + " ("
                + t.getStatus().getMessage() + ")";
    }

    private BerthException gone() {
        return new BerthException("The Swarm service of container '" + spec.name() + "' is gone: someone removed it. "
                + "Start the container again (start()) to recreate it on its volumes.");
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BerthException("Interrupted while waiting for a Swarm task", e);
        }
    }
}
