package dev.berth.docker.internal;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.VolumeOptions;
import dev.berth.ContainerSpec;
import dev.berth.RestartPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a {@link ContainerSpec} into the engine's create call. */
final class ContainerCreation {
    private ContainerCreation() {
    }

    /** Creates the container and returns its id. {@code starting} marks it as a contender for its volumes. */
    static String create(Engine engine, ContainerSpec spec, Map<String, String> settingsLabels, boolean starting) {
        return engine.call(() -> command(engine, spec, settingsLabels, starting).exec().getId());
    }

    private static CreateContainerCmd command(Engine engine, ContainerSpec spec, Map<String, String> settingsLabels,
            boolean starting) {
        CreateContainerCmd cmd = engine.client().createContainerCmd(spec.image())
                .withName(spec.name())
                .withLabels(labels(spec, settingsLabels, starting))
                .withEnv(env(spec))
                .withExposedPorts(spec.ports().stream().map(ExposedPort::tcp).toList())
                .withStopTimeout((int) Math.min(Integer.MAX_VALUE, spec.stopTimeout().toSeconds()))
                .withHostConfig(hostConfig(spec));
        if (!spec.command().isEmpty()) {
            cmd.withCmd(spec.command());
        }
        spec.user().ifPresent(cmd::withUser);
        return cmd;
    }

    static Map<String, String> labels(ContainerSpec spec, Map<String, String> settingsLabels, boolean starting) {
        Map<String, String> labels = new LinkedHashMap<>(settingsLabels);
        labels.putAll(spec.labels());
        labels.put(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE);
        labels.put(Labels.SPEC_HASH, SpecHash.of(spec));
        labels.put(Labels.CONTAINER, spec.name());
        labels.put(Labels.STARTING, Boolean.toString(starting));
        return labels;
    }

    static List<String> env(ContainerSpec spec) {
        List<String> env = new ArrayList<>();
        spec.env().forEach((k, v) -> env.add(k + "=" + v));
        spec.secretEnv().forEach((k, v) -> env.add(k + "=" + v.reveal()));
        return env;
    }

    private static HostConfig hostConfig(ContainerSpec spec) {
        Map<String, String> tmpfs = new LinkedHashMap<>();
        spec.tmpfs().forEach(path -> tmpfs.put(path, ""));
        return HostConfig.newHostConfig()
                .withMounts(spec.mounts().stream().map(m -> new Mount().withType(MountType.VOLUME)
                        .withSource(m.volume().name()).withTarget(m.path()).withReadOnly(m.readOnly())
                        .withVolumeOptions(new VolumeOptions().withNoCopy(false))).toList())
                .withTmpFs(tmpfs.isEmpty() ? null : tmpfs)
                .withPortBindings(spec.ports().stream()
                        .map(p -> new PortBinding(Ports.Binding.empty(), ExposedPort.tcp(p))).toList())
                .withRestartPolicy(restartPolicy(spec.restartPolicy()));
    }

    private static com.github.dockerjava.api.model.RestartPolicy restartPolicy(RestartPolicy policy) {
        return switch (policy) {
            case NO -> com.github.dockerjava.api.model.RestartPolicy.noRestart();
            case ON_FAILURE -> com.github.dockerjava.api.model.RestartPolicy.onFailureRestart(0);
            case UNLESS_STOPPED -> com.github.dockerjava.api.model.RestartPolicy.unlessStoppedRestart();
            case ALWAYS -> com.github.dockerjava.api.model.RestartPolicy.alwaysRestart();
        };
    }
}
