package dev.berth.docker.internal.container;

import dev.berth.RestartPolicy;
import dev.berth.docker.internal.engine.Mount;
import dev.berth.docker.internal.engine.ServiceDefinition.RestartCondition;
import dev.berth.docker.internal.engine.ServiceDefinition;
import dev.berth.docker.internal.node.Labels;
import dev.berth.docker.internal.node.ServiceNames;
import dev.berth.docker.internal.node.SpecKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link dev.berth.ContainerSpec} into the definition of a one-task Swarm service pinned to one node: the same
 * image (by id, so that no node tries a registry), command, environment, mounts and labels as the plain container;
 * ports published in host mode on the node (the routing mesh needs IPVS, which not every host has). Secrets are never
 * in the spec ({@code docker service inspect} shows it to anyone with the socket): each is a Swarm secret, mounted at
 * {@code /run/secrets/NAME}, with {@code NAME_FILE} pointing at it, the convention of the official images.
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
        List<String> env = new ArrayList<>();
        spec.env().forEach((k, v) -> env.add(k + "=" + v));
        List<Mount> mounts = new ArrayList<>(ContainerCreation.mounts(spec));
        for (SwarmSecret s : secrets(spec)) { // a value never in the spec: a Swarm secret, at NAME_FILE
            env.add(s.key() + "_FILE=/run/secrets/" + s.key());
            mounts.add(Mount.secret(s.name(), s.key()));
        }
        return new ServiceDefinition(ServiceNames.of(spec.name()), serviceLabels, imageId, labels,
                env, spec.command(), spec.user().orElse(null), mounts,
                spec.stopTimeout(), constraints, condition(spec.restartPolicy()), RESTART_DELAY, replicas,
                List.copyOf(spec.ports()), 0);
    }

    /** A secret of the spec as a Swarm secret: named by a keyed hash of container, key and value. */
    record SwarmSecret(String name, String key, String value) {
        @Override
        public String toString() {
            return "SwarmSecret[" + name + ", " + key + "=******]";
        }
    }

    /** The spec's secrets as Swarm secrets: a rotated value is another secret, so the service changes with it. */
    static List<SwarmSecret> secrets(dev.berth.ContainerSpec spec) {
        List<SwarmSecret> secrets = new ArrayList<>();
        new java.util.TreeMap<>(spec.secretEnv()).forEach((key, value) -> secrets.add(new SwarmSecret("berth-"
                + SpecKey.hash(spec.name() + "\0" + key + "\0" + value.reveal()).substring(0, 40), key,
                value.reveal())));
        return secrets;
    }

    private static RestartCondition condition(RestartPolicy policy) {
        return switch (policy) {
            case NO -> RestartCondition.NONE;
            case ON_FAILURE -> RestartCondition.ON_FAILURE;
            case UNLESS_STOPPED, ALWAYS -> RestartCondition.ANY;
        };
    }
}
