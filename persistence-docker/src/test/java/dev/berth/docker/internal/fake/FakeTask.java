package dev.berth.docker.internal.fake;

import dev.berth.docker.internal.engine.ServiceDefinition;
import dev.berth.docker.internal.engine.TaskInfo.State;
import dev.berth.docker.internal.engine.TaskInfo;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One task of a service: the slot it fills, the task template it was made from, the node Swarm gave it, the
 * container it runs in, what Swarm wants of it and how far it got. Changed only under the swarm's lock.
 */
final class FakeTask {
    final String id;
    final String serviceId;
    final int slot;
    final ServiceDefinition template;
    final Instant createdAt;
    @Nullable String nodeId;
    @Nullable String containerId;
    State desired = State.RUNNING;
    State state = State.NEW;
    Instant updatedAt;
    String message = "created";
    String error = "";

    FakeTask(String id, String serviceId, int slot, ServiceDefinition template, Instant createdAt) {
        this.id = id;
        this.serviceId = serviceId;
        this.slot = slot;
        this.template = template;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    void set(State to, String why, String failure, Instant at) {
        state = to;
        message = why;
        error = failure;
        updatedAt = at;
    }

    void desire(State to, Instant at) {
        desired = to;
        updatedAt = at;
    }

    TaskInfo info() {
        return new TaskInfo(id, serviceId, desired, state, containerId, createdAt, updatedAt, error, message);
    }
}
