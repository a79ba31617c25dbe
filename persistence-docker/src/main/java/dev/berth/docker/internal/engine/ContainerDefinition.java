package dev.berth.docker.internal.engine;

import dev.berth.RestartPolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a container is created from: the engine's create call in Berth's terms. An empty {@code command} keeps the
 * image's; an empty {@code entrypoint} too. {@code networkMode} is the engine's default when null.
 */
public record ContainerDefinition(String name, String image, Map<String, String> labels, List<String> env,
        List<String> entrypoint, List<String> command, @Nullable String user, List<Integer> ports,
        int stopTimeoutSeconds, List<Mount> mounts, RestartPolicy restartPolicy, @Nullable String networkMode) {

    public ContainerDefinition {
        labels = Map.copyOf(labels);
        env = List.copyOf(env);
        entrypoint = List.copyOf(entrypoint);
        command = List.copyOf(command);
        ports = List.copyOf(ports);
        mounts = List.copyOf(mounts);
    }

    /** The same with one more label. */
    public ContainerDefinition withLabel(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(labels);
        more.put(key, value);
        return new ContainerDefinition(name, image, more, env, entrypoint, command, user, ports, stopTimeoutSeconds,
                mounts, restartPolicy, networkMode);
    }

    /** The same with another restart policy. */
    public ContainerDefinition withRestartPolicy(RestartPolicy policy) {
        return new ContainerDefinition(name, image, labels, env, entrypoint, command, user, ports, stopTimeoutSeconds,
                mounts, policy, networkMode);
    }

    /** The env without values, for messages: secrets never reach a log line. */
    @Override
    public String toString() {
        return "ContainerDefinition[" + name + ", image=" + image + ", mounts=" + mounts + ", env names="
                + env.stream().map(e -> e.split("=", 2)[0]).toList() + "]";
    }
}
