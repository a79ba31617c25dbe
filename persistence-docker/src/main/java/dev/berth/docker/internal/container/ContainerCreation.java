package dev.berth.docker.internal.container;

import dev.berth.ContainerSpec;
import dev.berth.docker.internal.engine.ContainerDefinition;
import dev.berth.docker.internal.engine.Engine;
import dev.berth.docker.internal.engine.Mount;
import dev.berth.docker.internal.node.Labels;
import dev.berth.docker.internal.node.SpecHash;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a {@link ContainerSpec} into the engine's create call. */
final class ContainerCreation {
    private ContainerCreation() {
    }

    /** Creates the container and returns its id. */
    static String create(Engine engine, ContainerSpec spec, Map<String, String> settingsLabels) {
        return engine.createContainer(new ContainerDefinition(spec.name(), spec.image(), labels(spec, settingsLabels), env(spec), List.of(), spec.command(), spec.user().orElse(null),
                List.copyOf(spec.ports()), (int) Math.min(Integer.MAX_VALUE, spec.stopTimeout().toSeconds()),
                mounts(spec), spec.restartPolicy(), null));
    }

    static Map<String, String> labels(ContainerSpec spec, Map<String, String> settingsLabels) {
        Map<String, String> labels = Labels.forNew(settingsLabels, spec.labels());
        labels.put(Labels.SPEC_HASH, SpecHash.of(spec));
        labels.put(Labels.CONTAINER, spec.name());
        return labels;
    }

    static List<String> env(ContainerSpec spec) {
        List<String> env = new ArrayList<>();
        spec.env().forEach((k, v) -> env.add(k + "=" + v));
        spec.secretEnv().forEach((k, v) -> env.add(k + "=" + v.reveal()));
        return env;
    }

    /** The spec's volumes, tmpfs and bind mounts, for a container and for a service's task alike. */
    static List<Mount> mounts(ContainerSpec spec) {
        List<Mount> mounts = new ArrayList<>();
        spec.mounts().forEach(m -> mounts.add(Mount.volume(m.volume().name(), m.path(), m.readOnly())));
        spec.tmpfs().forEach(path -> mounts.add(Mount.tmpfs(path)));
        spec.binds().forEach(b -> mounts.add(Mount.bind(b.hostPath().toString(), b.path(), b.readOnly())));
        return mounts;
    }
}
