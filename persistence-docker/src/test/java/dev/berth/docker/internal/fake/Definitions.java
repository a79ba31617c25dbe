package dev.berth.docker.internal.fake;

import dev.berth.RestartPolicy;
import dev.berth.docker.internal.engine.ContainerDefinition;
import dev.berth.docker.internal.engine.Mount;
import dev.berth.docker.internal.engine.ServiceDefinition.RestartCondition;
import dev.berth.docker.internal.engine.ServiceDefinition;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Plain definitions for tests that use the fake: what a test does not care about is empty or Docker's default. */
public final class Definitions {
    private Definitions() {
    }

    /** A container of this image with no command, ports, mounts or labels, and restart policy NO. */
    public static ContainerDefinition container(String name, String image) {
        return new ContainerDefinition(name, image, Map.of(), List.of(), List.of(), List.of(), null, List.of(), 10,
                List.of(), RestartPolicy.NO, null);
    }

    public static ContainerDefinition container(String name, String image, RestartPolicy policy, Mount... mounts) {
        return new ContainerDefinition(name, image, Map.of(), List.of(), List.of(), List.of(), null, List.of(), 10,
                List.of(mounts), policy, null);
    }

    /** One replica of this image under these constraints, restarted on any exit without delay. */
    public static ServiceDefinition service(String name, String image, String... constraints) {
        return new ServiceDefinition(name, Map.of(), image, Map.of(), List.of(), List.of(), null, List.of(),
                Duration.ofSeconds(10), List.of(constraints), RestartCondition.ANY, Duration.ZERO, 1, List.of(), 0);
    }

    public static ServiceDefinition withRestart(ServiceDefinition d, RestartCondition condition, Duration delay) {
        return new ServiceDefinition(d.name(), d.labels(), d.image(), d.containerLabels(), d.env(), d.args(), d.user(),
                d.mounts(), d.stopGracePeriod(), d.constraints(), condition, delay, d.replicas(), d.ports(),
                d.forceUpdate());
    }

    public static ServiceDefinition withContainerLabels(ServiceDefinition d, Map<String, String> labels) {
        return new ServiceDefinition(d.name(), d.labels(), d.image(), labels, d.env(), d.args(), d.user(), d.mounts(),
                d.stopGracePeriod(), d.constraints(), d.restartCondition(), d.restartDelay(), d.replicas(), d.ports(),
                d.forceUpdate());
    }
}
