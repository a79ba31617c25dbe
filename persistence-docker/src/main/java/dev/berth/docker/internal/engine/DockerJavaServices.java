package dev.berth.docker.internal.engine;

import com.github.dockerjava.api.model.ContainerSpec;
import com.github.dockerjava.api.model.EndpointSpec;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.PortConfig;
import com.github.dockerjava.api.model.PortConfigProtocol;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.ServiceModeConfig;
import com.github.dockerjava.api.model.ServicePlacement;
import com.github.dockerjava.api.model.ServiceReplicatedModeOptions;
import com.github.dockerjava.api.model.ServiceRestartCondition;
import com.github.dockerjava.api.model.ServiceRestartPolicy;
import com.github.dockerjava.api.model.ServiceSpec;
import com.github.dockerjava.api.model.TaskSpec;
import com.github.dockerjava.api.model.VolumeOptions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@link ServiceDefinition}s as docker-java's service specs, and back. */
final class DockerJavaServices {
    private DockerJavaServices() {
    }

    /** The spec; {@code secretIds} finds the id of a secret by its name. */
    static ServiceSpec spec(ServiceDefinition d, java.util.function.Function<String, String> secretIds) {
        ContainerSpec container = new ContainerSpec().withImage(d.image()).withLabels(d.containerLabels())
                .withEnv(d.env()).withMounts(d.mounts().stream().filter(m -> m.type() != Mount.Type.SECRET)
                        .map(DockerJavaServices::mount).toList())
                .withStopGracePeriod(d.stopGracePeriod().toNanos());
        List<com.github.dockerjava.api.model.ContainerSpecSecret> secrets = d.mounts().stream()
                .filter(m -> m.type() == Mount.Type.SECRET)
                .map(m -> new com.github.dockerjava.api.model.ContainerSpecSecret().withSecretName(m.source())
                        .withSecretId(secretIds.apply(m.source()))
                        .withFile(new com.github.dockerjava.api.model.ContainerSpecFile().withName(m.target())
                                .withUid("0").withGid("0").withMode(0444L)))
                .toList();
        if (!secrets.isEmpty()) {
            container.withSecrets(secrets);
        }
        if (!d.args().isEmpty()) {
            container.withArgs(d.args());
        }
        if (d.user() != null) {
            container.withUser(d.user());
        }
        TaskSpec task = new TaskSpec().withContainerSpec(container)
                .withPlacement(new ServicePlacement().withConstraints(d.constraints()))
                .withRestartPolicy(new ServiceRestartPolicy().withCondition(condition(d.restartCondition()))
                        .withDelay(d.restartDelay().toNanos()))
                .withForceUpdate(d.forceUpdate());
        return new ServiceSpec().withName(d.name()).withLabels(d.labels()).withTaskTemplate(task)
                .withMode(new ServiceModeConfig().withReplicated(
                        new ServiceReplicatedModeOptions().withReplicas(d.replicas())))
                .withEndpointSpec(new EndpointSpec().withPorts(d.ports().stream()
                        .map(p -> new PortConfig().withTargetPort(p).withProtocol(PortConfigProtocol.TCP)
                                .withPublishMode(PortConfig.PublishMode.host))
                        .toList()));
    }

    static ServiceInfo service(Service s) {
        ServiceSpec spec = s.getSpec();
        TaskSpec task = spec.getTaskTemplate();
        ContainerSpec c = task.getContainerSpec();
        ServiceRestartPolicy restart = task.getRestartPolicy();
        int replicas = Optional.ofNullable(spec.getMode()).map(ServiceModeConfig::getReplicated)
                .map(r -> r.getReplicas()).orElse(0L).intValue();
        List<Integer> ports = spec.getEndpointSpec() == null || spec.getEndpointSpec().getPorts() == null ? List.of()
                : spec.getEndpointSpec().getPorts().stream().map(PortConfig::getTargetPort).toList();
        ServiceDefinition d = new ServiceDefinition(spec.getName(), DockerJavaModels.labels(spec.getLabels()),
                c.getImage(), DockerJavaModels.labels(c.getLabels()), orEmpty(c.getEnv()), orEmpty(c.getArgs()),
                c.getUser(), mounts(c),
                Duration.ofNanos(Optional.ofNullable(c.getStopGracePeriod()).orElse(0L)),
                task.getPlacement() == null ? List.of() : orEmpty(task.getPlacement().getConstraints()),
                condition(restart == null ? null : restart.getCondition()),
                Duration.ofNanos(restart == null || restart.getDelay() == null ? 0 : restart.getDelay()), replicas,
                ports, Optional.ofNullable(task.getForceUpdate()).orElse(0));
        return new ServiceInfo(s.getId(), s.getVersion() == null ? 0 : s.getVersion().getIndex(), d);
    }

    /** A mount as docker-java's, for a service's task and a container's host config alike. */
    static com.github.dockerjava.api.model.Mount mount(Mount m) {
        var mount = new com.github.dockerjava.api.model.Mount().withTarget(m.target());
        return switch (m.type()) {
            case VOLUME -> mount.withType(MountType.VOLUME).withSource(m.source()).withReadOnly(m.readOnly())
                    .withVolumeOptions(new VolumeOptions().withNoCopy(false));
            case BIND -> mount.withType(MountType.BIND).withSource(m.source()).withReadOnly(m.readOnly());
            case TMPFS -> mount.withType(MountType.TMPFS);
            case SECRET -> throw new IllegalArgumentException("a secret is no mount: " + m.source());
        };
    }

    /** The task's mounts, then its secrets, as {@link #spec} sends them. */
    private static List<Mount> mounts(ContainerSpec c) {
        List<Mount> mounts = new java.util.ArrayList<>();
        if (c.getMounts() != null) {
            c.getMounts().forEach(m -> mounts.add(mount(m)));
        }
        if (c.getSecrets() != null) {
            c.getSecrets().forEach(s -> mounts.add(Mount.secret(s.getSecretName(), s.getFile().getName())));
        }
        return mounts;
    }

    private static Mount mount(com.github.dockerjava.api.model.Mount m) {
        boolean readOnly = Boolean.TRUE.equals(m.getReadOnly());
        if (m.getType() == MountType.TMPFS) {
            return Mount.tmpfs(m.getTarget());
        }
        if (m.getType() == MountType.BIND) {
            return Mount.bind(m.getSource(), m.getTarget(), readOnly);
        }
        return Mount.volume(m.getSource(), m.getTarget(), readOnly);
    }

    private static ServiceRestartCondition condition(ServiceDefinition.RestartCondition c) {
        return switch (c) {
            case NONE -> ServiceRestartCondition.NONE;
            case ON_FAILURE -> ServiceRestartCondition.ON_FAILURE;
            case ANY -> ServiceRestartCondition.ANY;
        };
    }

    private static ServiceDefinition.RestartCondition condition(ServiceRestartCondition c) {
        if (c == ServiceRestartCondition.NONE) {
            return ServiceDefinition.RestartCondition.NONE;
        }
        return c == ServiceRestartCondition.ON_FAILURE ? ServiceDefinition.RestartCondition.ON_FAILURE
                : ServiceDefinition.RestartCondition.ANY;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
