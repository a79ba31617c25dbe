package dev.berth.docker.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.PortConfig;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.ServiceRestartCondition;
import com.github.dockerjava.api.model.ServiceSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A service definition survives the trip to docker-java's spec and back, as updates read and re-send it. */
class DockerJavaServicesTest {
    private final ServiceDefinition definition = new ServiceDefinition("cache", Map.of("dev.berth.node", "n1"),
            "sha256:abc", Map.of("dev.berth.container", "cache"), List.of("A=1"), List.of("redis-server"), "999",
            List.of(Mount.volume("cache-data", "/data", false), Mount.tmpfs("/run"), Mount.secret("berth-abc", "PASSWORD")), Duration.ofSeconds(10),
            List.of("node.id==n1"), ServiceDefinition.RestartCondition.ANY, Duration.ofMillis(200), 1, List.of(6379),
            3);

    @Test
    void portsArePublishedInHostModeAndTheImagesEntrypointIsKept() {
        ServiceSpec spec = DockerJavaServices.spec(definition, name -> "id-" + name);

        assertThat(spec.getTaskTemplate().getContainerSpec().getCommand()).isNull();
        assertThat(spec.getTaskTemplate().getContainerSpec().getSecrets()).singleElement().satisfies(s -> {
            assertThat(s.getSecretId()).isEqualTo("id-berth-abc");
            assertThat(s.getFile().getName()).isEqualTo("PASSWORD");
        });
        assertThat(spec.getTaskTemplate().getContainerSpec().getArgs()).containsExactly("redis-server");
        assertThat(spec.getTaskTemplate().getRestartPolicy().getCondition()).isEqualTo(ServiceRestartCondition.ANY);
        assertThat(spec.getEndpointSpec().getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getTargetPort()).isEqualTo(6379);
            assertThat(p.getPublishMode()).isEqualTo(PortConfig.PublishMode.host);
            assertThat(p.getPublishedPort()).as("the node picks a free port").isZero();
        });
    }

    @Test
    void aDefinitionReadBackIsTheOneSent() throws Exception {
        Service service = new com.fasterxml.jackson.databind.ObjectMapper().readValue(
                "{\"ID\":\"s1\",\"Version\":{\"Index\":7}}", Service.class);
        java.lang.reflect.Field spec = Service.class.getDeclaredField("spec");
        spec.setAccessible(true);
        spec.set(service, DockerJavaServices.spec(definition, name -> "id-" + name));

        ServiceInfo read = DockerJavaServices.service(service);

        assertThat(read.id()).isEqualTo("s1");
        assertThat(read.version()).isEqualTo(7);
        assertThat(read.spec()).isEqualTo(definition);
    }
}
