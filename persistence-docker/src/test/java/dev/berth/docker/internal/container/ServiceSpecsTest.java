package dev.berth.docker.internal.container;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.ContainerSpec;
import dev.berth.Placement;
import dev.berth.RestartPolicy;
import dev.berth.docker.internal.engine.Mount;
import dev.berth.docker.internal.engine.ServiceDefinition;
import dev.berth.docker.internal.node.Labels;
import dev.berth.docker.internal.node.ServiceNames;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceSpecsTest {

    @Test
    void aOneTaskServicePinnedToTheNodeOfItsDataWithThePlainContainersSettings() {
        ContainerSpec spec = ContainerSpec.builder("cache").image("redis:7.0").command("redis-server", "--appendonly", "yes")
                .env("A", "1").secretEnv("PASSWORD", "s3cret").port(6379).tmpfs("/run")
                .placement(Placement.label("zone", "a")).restartPolicy(RestartPolicy.ALWAYS).spec();

        ServiceDefinition service = ServiceSpecs.of(spec, "sha256:abc", "node-1", Map.of("team", "orders"), 1);

        assertThat(service.name()).isEqualTo("cache");
        assertThat(service.replicas()).isEqualTo(1);
        assertThat(service.labels()).containsEntry(ServiceSpecs.NODE, "node-1").containsEntry("team", "orders")
                .containsEntry(Labels.CONTAINER, "cache");
        assertThat(service.constraints()).containsExactly("node.labels.zone==a", "node.id==node-1");
        assertThat(service.restartCondition()).isEqualTo(ServiceDefinition.RestartCondition.ANY);
        assertThat(service.image()).as("by id: no node asks a registry").isEqualTo("sha256:abc");
        assertThat(service.args()).containsExactly("redis-server", "--appendonly", "yes");
        assertThat(service.env()).contains("A=1", "PASSWORD_FILE=/run/secrets/PASSWORD")
                .noneMatch(e -> e.contains("s3cret"));
        assertThat(service.mounts()).extracting(Mount::target).containsExactly("/run", "PASSWORD");
        assertThat(service.mounts().get(1).type()).isEqualTo(Mount.Type.SECRET);
        assertThat(service.mounts().get(1).source()).startsWith("berth-").doesNotContain("s3cret")
                .isEqualTo(ServiceSpecs.secrets(spec).get(0).name());
        assertThat(service.ports()).containsExactly(6379);
    }

    @Test
    void aRestartPolicyOfNoMeansSwarmDoesNotRestartItEither() {
        ContainerSpec spec = ContainerSpec.builder("once").image("busybox:1.35").spec();

        assertThat(ServiceSpecs.of(spec, "sha256:abc", "n", Map.of(), 0).restartCondition())
                .isEqualTo(ServiceDefinition.RestartCondition.NONE);
    }

    @Test
    void aNameLongerThanSwarmAllowsIsShortenedStablyAndDistinctly() {
        String long1 = "bt-0bad6d5d-movingacrossnodes-followsitsdatatoothernodesandthroughnodeloss-1";
        String long2 = "bt-0bad6d5d-movingacrossnodes-followsitsdatatoothernodesandthroughnodeloss-2";

        assertThat(ServiceNames.of("short")).isEqualTo("short");
        assertThat(ServiceNames.of(long1)).hasSizeLessThanOrEqualTo(63).startsWith("bt-0bad6d5d-moving")
                .isEqualTo(ServiceNames.of(long1)).isNotEqualTo(ServiceNames.of(long2));
    }
}
