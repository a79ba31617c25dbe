package dev.berth.docker.internal.container;

import dev.berth.BerthException;
import dev.berth.ContainerSpec;
import dev.berth.docker.internal.common.Deadline;
import dev.berth.docker.internal.engine.Engine;
import dev.berth.docker.internal.engine.ServiceInfo;
import dev.berth.docker.internal.engine.TaskInfo;
import dev.berth.docker.internal.node.EngineContext;
import dev.berth.docker.internal.node.ServiceNames;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The tasks of one container's Swarm service, read through the manager, and the waits for them: for a task whose
 * container runs on the node, and for no task at all.
 */
final class ServiceTasks {
    private static final long FORCE_AFTER_NANOS = 1_000_000_000L;

    private final EngineContext ctx;
    private final ContainerSpec spec;

    ServiceTasks(EngineContext ctx, ContainerSpec spec) {
        this.ctx = ctx;
        this.spec = spec;
    }

    private Engine manager() {
        return ctx.cluster().localEngine();
    }

    Optional<ServiceInfo> service() {
        return manager().findService(ServiceNames.of(spec.name()));
    }

    ServiceInfo serviceOrThrow() {
        return service().orElseThrow(this::gone);
    }

    List<TaskInfo> of(String serviceId) {
        return manager().tasks(serviceId);
    }

    Optional<TaskInfo> running(String serviceId) {
        return of(serviceId).stream().filter(TaskInfo::isRunning).findFirst();
    }

    /** The container of the running task, else of the newest task that has one; one listing of the tasks. */
    Optional<String> container() {
        List<TaskInfo> tasks = service().map(s -> of(s.id())).orElse(List.of());
        return tasks.stream().filter(TaskInfo::isRunning).findFirst()
                .or(() -> tasks.stream().filter(t -> t.container().isPresent())
                        .max(Comparator.comparing(TaskInfo::createdAt)))
                .flatMap(TaskInfo::container);
    }

    /** Replaces the running task (or the lack of one) with a fresh one. */
    void forceNew(ServiceInfo service) {
        manager().updateService(service.id(), service.version(),
                service.spec().withForceUpdate(service.spec().forceUpdate() + 1));
    }

    /**
     * Waits for a task (other than {@code previousTask}) whose container runs on the node. When no task is left to run
     * (one that exited under a restart policy that does not restart it, or died with its node), forces a new one.
     */
    String awaitRunning(Optional<String> previousTask, Duration timeout) {
        Deadline deadline = Deadline.after(timeout);
        long nextForce = System.nanoTime() + FORCE_AFTER_NANOS; // Swarm's own restart goes first
        Optional<TaskInfo> last = Optional.empty();
        while (!deadline.passed()) {
            ServiceInfo service = serviceOrThrow();
            List<TaskInfo> tasks = of(service.id());
            Optional<String> running = tasks.stream().filter(TaskInfo::isRunning)
                    .filter(t -> previousTask.isEmpty() || !t.id().equals(previousTask.get()))
                    .map(TaskInfo::container).flatMap(Optional::stream)
                    .filter(id -> ContainerIo.isRunning(ctx.engine(), id)).findFirst();
            if (running.isPresent()) {
                return running.get();
            }
            last = tasks.stream().max(Comparator.comparing(TaskInfo::updatedAt));
            Optional<TaskInfo> rejected = last.filter(t -> t.state() == TaskInfo.State.REJECTED);
            if (rejected.isPresent()) {
                throw new BerthException("Node " + ctx.node().id() + " refused the task of container '" + spec.name()
                        + "': " + rejected.get().describe() + ". Check that image " + spec.image()
                        + " and its volumes are on that node.");
            }
            boolean live = tasks.stream().anyMatch(t -> t.desired() == TaskInfo.State.RUNNING && !t.state().ended());
            if (!live && System.nanoTime() > nextForce) {
                forceNew(service);
                nextForce = System.nanoTime() + 2 * FORCE_AFTER_NANOS;
            }
            Deadline.pause();
        }
        throw new BerthException("The Swarm service of container '" + spec.name() + "' has no running task on node "
                + ctx.node().id() + " after " + timeout.toSeconds() + " s (last task: "
                + last.map(TaskInfo::describe).orElse("none") + "). Is the node up and does it have image "
                + spec.image() + "?");
    }

    void awaitNone(String serviceId, Duration timeout) {
        Deadline deadline = Deadline.after(timeout);
        while (of(serviceId).stream().anyMatch(t -> !t.state().ended())) {
            if (deadline.passed()) {
                throw new BerthException("The task of container '" + spec.name() + "' did not stop within "
                        + timeout.toSeconds() + " s");
            }
            Deadline.pause();
        }
    }

    BerthException gone() {
        return new BerthException("The Swarm service of container '" + spec.name() + "' is gone: someone removed it. "
                + "Start the container again (start()) to recreate it on its volumes.");
    }
}
