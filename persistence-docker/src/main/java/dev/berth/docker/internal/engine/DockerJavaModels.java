package dev.berth.docker.internal.engine;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.LocalNodeState;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.SwarmNode;
import com.github.dockerjava.api.model.SwarmNodeRole;
import com.github.dockerjava.api.model.SwarmNodeState;
import com.github.dockerjava.api.model.Task;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** docker-java's models as Berth's records. */
final class DockerJavaModels {
    private DockerJavaModels() {
    }

    static ContainerInfo container(Container c) {
        String[] names = c.getNames();
        String name = names == null || names.length == 0 ? c.getId() : names[0].replaceFirst("^/", "");
        List<ContainerInfo.MountInfo> mounts = c.getMounts() == null ? List.of() : c.getMounts().stream()
                .filter(m -> m.getName() != null)
                .map(m -> new ContainerInfo.MountInfo(m.getName(), !Boolean.FALSE.equals(m.getRw()))).toList();
        long created = c.getCreated() == null ? 0 : c.getCreated();
        return new ContainerInfo(c.getId(), name, labels(c.getLabels()), String.valueOf(c.getState()), -1,
                Instant.ofEpochSecond(created), mounts, Map.of());
    }

    static ContainerInfo container(InspectContainerResponse c) {
        InspectContainerResponse.ContainerState state = c.getState();
        List<ContainerInfo.MountInfo> mounts = c.getMounts() == null ? List.of() : c.getMounts().stream()
                .filter(m -> m.getName() != null)
                .map(m -> new ContainerInfo.MountInfo(m.getName(), !Boolean.FALSE.equals(m.getRW()))).toList();
        Long exit = state == null ? null : state.getExitCodeLong();
        return new ContainerInfo(c.getId(), String.valueOf(c.getName()).replaceFirst("^/", ""),
                labels(c.getConfig() == null ? null : c.getConfig().getLabels()),
                state == null ? "dead" : String.valueOf(state.getStatus()), exit == null ? -1 : exit,
                instant(c.getCreated()), mounts, ports(c));
    }

    private static Map<Integer, Integer> ports(InspectContainerResponse c) {
        if (c.getNetworkSettings() == null || c.getNetworkSettings().getPorts() == null) {
            return Map.of();
        }
        Map<Integer, Integer> ports = new HashMap<>();
        Map<ExposedPort, Ports.Binding[]> bindings = c.getNetworkSettings().getPorts().getBindings();
        bindings.forEach((port, bound) -> {
            if (bound != null && bound.length > 0 && bound[0].getHostPortSpec() != null) {
                try {
                    ports.put(port.getPort(), Integer.parseInt(bound[0].getHostPortSpec()));
                } catch (NumberFormatException ignored) {
                    // a range is not what Berth publishes
                }
            }
        });
        return ports;
    }

    static EngineInfo info(Info info) {
        boolean active = info.getSwarm() != null && info.getSwarm().getLocalNodeState() == LocalNodeState.ACTIVE;
        boolean manager = active && Boolean.TRUE.equals(info.getSwarm().getControlAvailable());
        Map<String, List<String>> plugins = Objects.requireNonNullElse(info.getPlugins(), Map.of());
        return new EngineInfo(String.valueOf(info.getId()), String.valueOf(info.getName()), active, manager,
                active ? info.getSwarm().getNodeID() : null, plugins.getOrDefault("Volume", List.of()),
                engineTime(info.getSystemTime()), Objects.requireNonNullElse(info.getSecurityOptions(), List.<String>of())
                        .stream().anyMatch(o -> o.contains("name=userns")));
    }

    static SwarmNodeInfo node(SwarmNode n) {
        Map<String, String> labels = n.getSpec() == null ? Map.of() : labels(n.getSpec().getLabels());
        boolean ready = n.getStatus() != null && n.getStatus().getState() == SwarmNodeState.READY;
        String name = n.getDescription() == null ? n.getId() : String.valueOf(n.getDescription().getHostname());
        boolean manager = n.getSpec() != null && n.getSpec().getRole() == SwarmNodeRole.MANAGER;
        return new SwarmNodeInfo(n.getId(), name, manager, labels, ready,
                n.getStatus() == null ? null : n.getStatus().getAddress());
    }

    static TaskInfo task(Task t) {
        var status = t.getStatus();
        String container = Optional.ofNullable(status).map(s -> s.getContainerStatus()).map(c -> c.getContainerID())
                .orElse(null);
        return new TaskInfo(t.getId(), String.valueOf(t.getServiceId()), taskState(t.getDesiredState()),
                taskState(status == null ? null : status.getState()), container, instant(t.getCreatedAt()),
                instant(t.getUpdatedAt()), status == null || status.getErr() == null ? "" : status.getErr(),
                status == null || status.getMessage() == null ? "" : status.getMessage());
    }

    private static TaskInfo.State taskState(com.github.dockerjava.api.model.@Nullable TaskState state) {
        if (state == null) {
            return TaskInfo.State.NEW;
        }
        try {
            return TaskInfo.State.valueOf(state.name());
        } catch (IllegalArgumentException e) {
            return TaskInfo.State.NEW;
        }
    }

    /** The engine's clock as it reports it (RFC 3339 with nanoseconds and an offset); the epoch when it does not. */
    static Instant engineTime(@Nullable String text) {
        if (text == null || text.isEmpty()) {
            return Instant.EPOCH;
        }
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return instant(text);
        }
    }

    static Map<String, String> labels(@Nullable Map<String, String> labels) {
        return labels == null ? Map.of() : labels;
    }

    static Instant instant(@Nullable String text) {
        if (text == null || text.isEmpty()) {
            return Instant.EPOCH;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }
}
