package dev.berth.docker.internal.container;

import dev.berth.RestartPolicy;
import dev.berth.docker.internal.engine.ServiceDefinition.RestartCondition;
import dev.berth.docker.internal.engine.ServiceDefinition;
import dev.berth.docker.internal.node.Labels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link dev.berth.ContainerSpec} into the definition of a one-task Swarm service pinned to one node: the same
 * image (by id, so that no node tries a registry), command, environment, mounts and labels as the plain container;
 * ports published in host mode on the node (the routing mesh needs IPVS, which not every host has).
 */
final class ServiceSpecs {
    /** On a service: the node its task is pinned to. */
    static final String NODE = Labels.PREFIX + "node";
    /** How soon Swarm replaces a task that exited: a killed database should come back at once. */
    private static final Duration RESTART_DELAY = Duration.ofMillis(200);

    private ServiceSpecs() {
    }

    static ServiceDefinition of(dev.berth.ContainerSpec spec, String imageId, String nodeId,
            Map<String, String> settingsLabels, int replicas) {
        Map<String, String> labels = ContainerCreation.labels(spec, settingsLabels);
        Map<String, String> serviceLabels = new LinkedHashMap<>(labels);
        serviceLabels.put(NODE, nodeId);
        List<String> constraints = new ArrayList<>();
        spec.placement().ifPresent(p -> constraints.addAll(p.constraints()));
        constraints.add("node.id==" + nodeId);
        return new ServiceDefinition(PinnedService.serviceName(spec.name()), serviceLabels, imageId, labels,
                ContainerCreation.env(spec), spec.command(), spec.user().orElse(null), ContainerCreation.mounts(spec),
                spec.stopTimeout(), constraints, condition(spec.restartPolicy()), RESTART_DELAY, replicas,
                List.copyOf(spec.ports()), 0);
    }

    private static RestartCondition condition(RestartPolicy policy) {
        return switch (policy) {
            case NO -> RestartCondition.NONE;
            case ON_FAILURE -> RestartCondition.ON_FAILURE;
            case UNLESS_STOPPED, ALWAYS -> RestartCondition.ANY;
        };
    }
}
