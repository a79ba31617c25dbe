package dev.berth.docker.internal.engine;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** One task of a Swarm service: what Swarm wants of it, where it is, and the container it runs in. */
public record TaskInfo(String id, String serviceId, State desired, State state, @Nullable String containerId,
        Instant createdAt, Instant updatedAt, String error, String message) {

    /** Swarm's task states, in the order a task goes through them. */
    public enum State {
        NEW, ALLOCATED, PENDING, ASSIGNED, ACCEPTED, PREPARING, READY, STARTING, RUNNING, COMPLETE, SHUTDOWN,
        FAILED, REJECTED, REMOVE, ORPHANED;

        private static final Set<State> ENDED = Set.of(COMPLETE, SHUTDOWN, FAILED, REJECTED, REMOVE, ORPHANED);

        public boolean ended() {
            return ENDED.contains(this);
        }
    }

    public Optional<String> container() {
        return Optional.ofNullable(containerId).filter(id -> !id.isEmpty());
    }

    /** Wanted running, running, and in a container. */
    public boolean isRunning() {
        return desired == State.RUNNING && state == State.RUNNING && container().isPresent();
    }

    public String describe() {
        return state + (error.isEmpty() ? "" : ", " + error) + " (" + message + ")";
    }
}
