package dev.berth.docker.internal.fake;

import dev.berth.RestartPolicy;
import dev.berth.docker.internal.engine.ContainerDefinition;
import dev.berth.docker.internal.engine.ServiceDefinition;
import dev.berth.docker.internal.engine.TaskInfo.State;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * What Swarm's orchestrator, scheduler and agents do between calls, while the manager is up: each slot of a service
 * (1 to its replicas) gets a task, placed on a ready node its constraints allow (PENDING while there is none),
 * REJECTED when that node has no such image and the registry neither; a task whose template changed is replaced, one
 * on a node that went down is given up and replaced (its container is stopped when the node is back), one whose
 * container exited is COMPLETE or FAILED and replaced as its restart condition says once its restart delay has passed
 * on the swarm's clock; slots above the replicas are shut down; the containers of removed tasks are removed.
 */
final class Reconciler {
    private final FakeSwarm swarm;

    Reconciler(FakeSwarm swarm) {
        this.swarm = swarm;
    }

    void reconcile() {
        if (!swarm.isSwarm() || !swarm.manager().isUp()) {
            return;
        }
        FakeServices services = swarm.services();
        services.tasks().forEach(this::observe);
        services.tasks().stream().filter(t -> t.desired == State.SHUTDOWN && !t.state.ended()).forEach(this::finish);
        for (FakeServices.Service s : services.all()) {
            int slots = Math.max(s.definition.replicas(), services.highestSlot(s.id));
            for (int slot = 1; slot <= slots; slot++) {
                fill(s, slot);
            }
        }
        removeOrphans(services.tasks().stream().map(t -> t.id).collect(Collectors.toSet()));
    }

    /** A running task whose container exited (or went) has ended. */
    private void observe(FakeTask t) {
        FakeNode node = nodeOf(t);
        if (t.desired != State.RUNNING || t.state != State.RUNNING || node == null || !node.isUp()) {
            return;
        }
        FakeContainer c = t.containerId == null ? null : node.containers().find(t.containerId);
        if (c == null) {
            t.set(State.FAILED, "started", "No such container: " + t.containerId, swarm.tick());
        } else if (c.stopped()) {
            boolean clean = c.exitCode == 0;
            t.set(clean ? State.COMPLETE : State.FAILED, clean ? "finished" : "started",
                    clean ? "" : "task: non-zero exit (" + c.exitCode + ")", swarm.tick());
        }
    }

    private void fill(FakeServices.Service s, int slot) {
        FakeTask current = swarm.services().current(s.id, slot);
        boolean wanted = slot <= s.definition.replicas();
        if (current != null) {
            if (!wanted || !current.template.equals(FakeServices.template(s.definition))) {
                shutDown(current);
                if (!wanted) {
                    return;
                }
            } else if (current.state == State.PENDING) {
                place(s, current);
                return;
            } else if (current.state.ended()) {
                if (!restarts(s, current)) {
                    return;
                }
                current.desire(State.SHUTDOWN, swarm.tick());
            } else if (nodeOf(current) == null || !nodeOf(current).isUp()) {
                current.desire(State.SHUTDOWN, swarm.tick());
            } else {
                return;
            }
        }
        if (wanted && !s.settledSlots.contains(slot)) {
            place(s, swarm.services().newTask(s, slot));
        }
    }

    private boolean restarts(FakeServices.Service s, FakeTask ended) {
        ServiceDefinition d = s.definition;
        boolean wants = switch (d.restartCondition()) {
            case ANY -> true;
            case ON_FAILURE -> ended.state != State.COMPLETE;
            case NONE -> false;
        };
        if (!wants) {
            ended.desire(State.SHUTDOWN, swarm.tick());
            s.settledSlots.add(ended.slot);
            return false;
        }
        if (ended.state == State.REJECTED && !swarm.inRegistry(d.image())
                && candidates(d).stream().noneMatch(n -> n.isUp() && n.images().id(d.image()).isPresent())) {
            return false;
        }
        return !swarm.clock().isBefore(ended.updatedAt.plus(d.restartDelay()));
    }

    private void place(FakeServices.Service s, FakeTask t) {
        List<FakeNode> allowed = candidates(t.template);
        List<FakeNode> ready = allowed.stream().filter(FakeNode::isUp).toList();
        if (ready.isEmpty()) {
            if (t.state != State.PENDING) {
                int unmatched = swarm.nodes().size() - allowed.size();
                t.set(State.PENDING, "pending task scheduling", Constraints.noSuitableNode(unmatched, allowed.size()),
                        swarm.tick());
            }
            return;
        }
        FakeNode node = ready.stream().min(Comparator.comparingLong(n -> liveTasksOn(n, s))).orElseThrow();
        t.nodeId = node.id();
        String image = t.template.image();
        if (node.images().id(image).isEmpty()) {
            if (!swarm.inRegistry(image)) {
                t.set(State.REJECTED, "preparing", "No such image: " + image, swarm.tick());
                return;
            }
            node.images().add(image);
        }
        try {
            FakeContainer c = node.containers().create(taskContainer(s, t), t.id);
            node.containers().run(c);
            t.containerId = c.id;
            t.set(State.RUNNING, "started", "", swarm.tick());
        } catch (Refusal refusal) {
            t.set(State.REJECTED, "preparing", refusal.getMessage(), swarm.tick());
        }
    }

    private void shutDown(FakeTask t) {
        t.desire(State.SHUTDOWN, swarm.tick());
        if (!t.state.ended()) {
            finish(t);
        }
    }

    /** A task Swarm no longer wants: its container is stopped, when its node can be reached. */
    private void finish(FakeTask t) {
        FakeNode node = nodeOf(t);
        if (node != null && t.containerId != null) {
            if (!node.isUp()) {
                return;
            }
            FakeContainer c = node.containers().find(t.containerId);
            if (c != null && !c.stopped()) {
                node.containers().exit(c, 0, true);
            }
        }
        t.set(State.SHUTDOWN, "shutdown", t.error, swarm.tick());
    }

    private void removeOrphans(Set<String> taskIds) {
        for (FakeNode node : swarm.nodes()) {
            if (node.isUp()) {
                node.containers().all().stream().filter(c -> c.taskId != null && !taskIds.contains(c.taskId))
                        .forEach(c -> node.containers().remove(c.id));
            }
        }
    }

    private List<FakeNode> candidates(ServiceDefinition d) {
        return swarm.nodes().stream().filter(n -> Constraints.allow(d.constraints(), n)).toList();
    }

    private long liveTasksOn(FakeNode node, FakeServices.Service s) {
        return swarm.services().tasks().stream().filter(t -> t.serviceId.equals(s.id) && node.id().equals(t.nodeId)
                && t.desired == State.RUNNING && !t.state.ended()).count();
    }

    private @Nullable FakeNode nodeOf(FakeTask t) {
        return t.nodeId == null ? null : swarm.nodeById(t.nodeId).orElse(null);
    }

    /** The container Swarm's agent makes for a task: {@code <service>.<slot>.<task id>}, with Swarm's labels. */
    private static ContainerDefinition taskContainer(FakeServices.Service s, FakeTask t) {
        ServiceDefinition d = t.template;
        String service = s.definition.name();
        String name = service + "." + t.slot + "." + t.id;
        Map<String, String> labels = new HashMap<>(d.containerLabels());
        labels.put("com.docker.swarm.service.id", s.id);
        labels.put("com.docker.swarm.service.name", service);
        labels.put("com.docker.swarm.task", "");
        labels.put("com.docker.swarm.task.id", t.id);
        labels.put("com.docker.swarm.task.name", name);
        labels.put("com.docker.swarm.node.id", String.valueOf(t.nodeId));
        return new ContainerDefinition(name, d.image(), labels, d.env(), List.of(), d.args(), d.user(), d.ports(),
                (int) d.stopGracePeriod().toSeconds(), d.mounts(), RestartPolicy.NO, null);
    }
}
