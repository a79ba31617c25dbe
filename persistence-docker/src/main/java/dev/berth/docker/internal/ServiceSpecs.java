package dev.berth.docker.internal;

import com.github.dockerjava.api.model.ContainerSpec;
import com.github.dockerjava.api.model.EndpointSpec;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.PortConfig;
import com.github.dockerjava.api.model.PortConfigProtocol;
import com.github.dockerjava.api.model.ServiceModeConfig;
import com.github.dockerjava.api.model.ServicePlacement;
import com.github.dockerjava.api.model.ServiceReplicatedModeOptions;
import com.github.dockerjava.api.model.ServiceRestartCondition;
import com.github.dockerjava.api.model.ServiceRestartPolicy;
import com.github.dockerjava.api.model.ServiceSpec;
import com.github.dockerjava.api.model.TaskSpec;
import com.github.dockerjava.api.model.VolumeOptions;
import dev.berth.RestartPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link dev.berth.ContainerSpec} into the spec of a one-task Swarm service pinned to one node: the same
 * image (by id, so that no node tries a registry), command, environment, mounts and labels as the plain container;
 * ports published in host mode on the node (the routing mesh needs IPVS, which not every host has).
 */
final class ServiceSpecs {
    /** On a service: the node its task is pinned to. */
    static final String NODE = Labels.PREFIX + "node";
    /** How soon Swarm replaces a task that exited: a killed database should come back at once. */
    private static final long RESTART_DELAY_NANOS = 200_000_000L;

    private ServiceSpecs() {
    }

    static ServiceSpec of(dev.berth.ContainerSpec spec, String imageId, String nodeId, Map<String, String> settingsLabels,
            int replicas) {
        Map<String, String> labels = ContainerCreation.labels(spec, settingsLabels, false);
        labels.remove(Labels.STARTING);
        Map<String, String> serviceLabels = new LinkedHashMap<>(labels);
        serviceLabels.put(NODE, nodeId);
        ContainerSpec container = new ContainerSpec().withImage(imageId).withLabels(labels).withEnv(ContainerCreation.env(spec))
                .withMounts(mounts(spec))
                .withStopGracePeriod(spec.stopTimeout().toNanos());
        if (!spec.command().isEmpty()) {
            container.withArgs(spec.command());
        }
        spec.user().ifPresent(container::withUser);
        List<String> constraints = new ArrayList<>();
        spec.placement().ifPresent(p -> constraints.addAll(p.constraints()));
        constraints.add("node.id==" + nodeId);
        TaskSpec task = new TaskSpec().withContainerSpec(container)
                .withPlacement(new ServicePlacement().withConstraints(constraints))
                .withRestartPolicy(new ServiceRestartPolicy().withCondition(condition(spec.restartPolicy()))
                        .withDelay(RESTART_DELAY_NANOS));
        return new ServiceSpec().withName(PinnedService.serviceName(spec.name())).withLabels(serviceLabels).withTaskTemplate(task)
                .withMode(new ServiceModeConfig().withReplicated(new ServiceReplicatedModeOptions().withReplicas(replicas)))
                .withEndpointSpec(new EndpointSpec().withPorts(spec.ports().stream()
                        .map(p -> new PortConfig().withTargetPort(p).withProtocol(PortConfigProtocol.TCP)
                                .withPublishMode(PortConfig.PublishMode.host))
                        .toList()));
    }

    private static List<Mount> mounts(dev.berth.ContainerSpec spec) {
        List<Mount> mounts = new ArrayList<>();
        spec.mounts().forEach(m -> mounts.add(new Mount().withType(MountType.VOLUME).withSource(m.volume().name())
                .withTarget(m.path()).withReadOnly(m.readOnly()).withVolumeOptions(new VolumeOptions().withNoCopy(false))));
        spec.tmpfs().forEach(path -> mounts.add(new Mount().withType(MountType.TMPFS).withTarget(path)));
        return mounts;
    }

    private static ServiceRestartCondition condition(RestartPolicy policy) {
        return switch (policy) {
            case NO -> ServiceRestartCondition.NONE;
            case ON_FAILURE -> ServiceRestartCondition.ON_FAILURE;
            case UNLESS_STOPPED, ALWAYS -> ServiceRestartCondition.ANY;
        };
    }
}
