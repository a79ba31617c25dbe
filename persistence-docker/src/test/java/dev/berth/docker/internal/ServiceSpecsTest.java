package dev.berth.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.PortConfig;
import com.github.dockerjava.api.model.ServiceRestartCondition;
import com.github.dockerjava.api.model.ServiceSpec;
import dev.berth.ContainerSpec;
import dev.berth.Placement;
import dev.berth.RestartPolicy;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceSpecsTest {

    @Test
    void aOneTaskServicePinnedToTheNodeOfItsDataWithThePlainContainersSettings() {
        ContainerSpec spec = SpecBuilders.container("cache").image("redis:7.0").command("redis-server", "--appendonly", "yes")
                .env("A", "1").secretEnv("PASSWORD", "s3cret").port(6379).tmpfs("/run")
                .placement(Placement.label("zone", "a")).restartPolicy(RestartPolicy.ALWAYS).spec();

        ServiceSpec service = ServiceSpecs.of(spec, "sha256:abc", "node-1", Map.of("team", "orders"), 1);

        assertThat(service.getName()).isEqualTo("cache");
        assertThat(service.getMode().getReplicated().getReplicas()).isEqualTo(1);
        assertThat(service.getLabels()).containsEntry(ServiceSpecs.NODE, "node-1").containsEntry("team", "orders")
                .containsEntry(Labels.CONTAINER, "cache").doesNotContainKey(Labels.STARTING);
        var task = service.getTaskTemplate();
        assertThat(task.getPlacement().getConstraints()).containsExactly("node.labels.zone==a", "node.id==node-1");
        assertThat(task.getRestartPolicy().getCondition()).isEqualTo(ServiceRestartCondition.ANY);
        assertThat(task.getContainerSpec().getImage()).as("by id: no node asks a registry").isEqualTo("sha256:abc");
        assertThat(task.getContainerSpec().getArgs()).containsExactly("redis-server", "--appendonly", "yes");
        assertThat(task.getContainerSpec().getCommand()).as("the image's entrypoint is kept").isNull();
        assertThat(task.getContainerSpec().getEnv()).contains("A=1", "PASSWORD=s3cret");
        assertThat(task.getContainerSpec().getMounts()).extracting(m -> m.getTarget()).containsExactly("/run");
        assertThat(service.getEndpointSpec().getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getTargetPort()).isEqualTo(6379);
            assertThat(p.getPublishMode()).isEqualTo(PortConfig.PublishMode.host);
            assertThat(p.getPublishedPort()).as("the node picks a free port").isZero();
        });
    }

    @Test
    void aRestartPolicyOfNoMeansSwarmDoesNotRestartItEither() {
        ContainerSpec spec = SpecBuilders.container("once").image("busybox:1.35").spec();

        assertThat(ServiceSpecs.of(spec, "sha256:abc", "n", Map.of(), 0).getTaskTemplate().getRestartPolicy()
                .getCondition()).isEqualTo(ServiceRestartCondition.NONE);
    }

    @Test
    void aNameLongerThanSwarmAllowsIsShortenedStablyAndDistinctly() {
        String long1 = "bt-0bad6d5d-movingacrossnodes-followsitsdatatoothernodesandthroughnodeloss-1";
        String long2 = "bt-0bad6d5d-movingacrossnodes-followsitsdatatoothernodesandthroughnodeloss-2";

        assertThat(PinnedService.serviceName("short")).isEqualTo("short");
        assertThat(PinnedService.serviceName(long1)).hasSizeLessThanOrEqualTo(63).startsWith("bt-0bad6d5d-moving")
                .isEqualTo(PinnedService.serviceName(long1)).isNotEqualTo(PinnedService.serviceName(long2));
    }
}
