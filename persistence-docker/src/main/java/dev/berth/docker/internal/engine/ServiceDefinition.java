package dev.berth.docker.internal.engine;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A replicated Swarm service with one kind of task, in Berth's terms: what the engine's service create and update
 * calls take. Ports are published in host mode; {@code forceUpdate} is Swarm's counter that replaces the tasks when
 * it changes.
 */
public record ServiceDefinition(String name, Map<String, String> labels, String image,
        Map<String, String> containerLabels, List<String> env, List<String> args, @Nullable String user,
        List<Mount> mounts, Duration stopGracePeriod, List<String> constraints, RestartCondition restartCondition,
        Duration restartDelay, int replicas, List<Integer> ports, int forceUpdate) {

    /** When Swarm replaces a task that exited. */
    public enum RestartCondition { NONE, ON_FAILURE, ANY }

    public ServiceDefinition {
        labels = Map.copyOf(labels);
        containerLabels = Map.copyOf(containerLabels);
        env = List.copyOf(env);
        args = List.copyOf(args);
        mounts = List.copyOf(mounts);
        constraints = List.copyOf(constraints);
        ports = List.copyOf(ports);
    }

    public ServiceDefinition withReplicas(int count) {
        return new ServiceDefinition(name, labels, image, containerLabels, env, args, user, mounts, stopGracePeriod,
                constraints, restartCondition, restartDelay, count, ports, forceUpdate);
    }

    public ServiceDefinition withForceUpdate(int counter) {
        return new ServiceDefinition(name, labels, image, containerLabels, env, args, user, mounts, stopGracePeriod,
                constraints, restartCondition, restartDelay, replicas, ports, counter);
    }

    /** The same with one more label on the service. */
    public ServiceDefinition withLabel(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(labels);
        more.put(key, value);
        return new ServiceDefinition(name, more, image, containerLabels, env, args, user, mounts, stopGracePeriod,
                constraints, restartCondition, restartDelay, replicas, ports, forceUpdate);
    }

    /** Without the env's values: secrets never reach a log line. */
    @Override
    public String toString() {
        return "ServiceDefinition[" + name + ", image=" + image + ", replicas=" + replicas + ", constraints="
                + constraints + ", mounts=" + mounts + "]";
    }
}
