package dev.berth.docker.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.RestartPolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The create body says what docker-java's command used to: image, env, command, ports, mounts, policy. */
class ContainerCreateJsonTest {

    @Test
    void aContainerWithPortsMountsAndARestartPolicy() throws Exception {
        ContainerDefinition d = new ContainerDefinition("db", "postgres:16", Map.of("a", "b"), List.of("PW=s"),
                List.of(), List.of("postgres", "-c", "x=y"), "999", List.of(5432), 7,
                List.of(Mount.volume("pg", "/var/lib/postgresql/data", false), Mount.tmpfs("/run")),
                RestartPolicy.ALWAYS, null);

        JsonNode body = new ObjectMapper().readTree(ContainerCreateJson.of(d));

        assertThat(body.path("Image").asText()).isEqualTo("postgres:16");
        assertThat(body.path("Env").get(0).asText()).isEqualTo("PW=s");
        assertThat(body.has("Entrypoint")).as("the image's entrypoint is kept").isFalse();
        assertThat(body.path("Cmd")).hasSize(3);
        assertThat(body.path("User").asText()).isEqualTo("999");
        assertThat(body.path("ExposedPorts").has("5432/tcp")).isTrue();
        JsonNode host = body.path("HostConfig");
        assertThat(host.path("PortBindings").path("5432/tcp").get(0).path("HostPort").asText()).isEmpty();
        assertThat(host.path("Mounts").get(0).path("Source").asText()).isEqualTo("pg");
        assertThat(host.path("Tmpfs").has("/run")).isTrue();
        assertThat(host.path("RestartPolicy").path("Name").asText()).isEqualTo("always");
    }

    @Test
    void aHelperScriptClearsTheImagesCommand() throws Exception {
        ContainerDefinition d = new ContainerDefinition("helper", "busybox", Map.of(), List.of(),
                List.of("sh", "-c", "cp -a /a/. /b/"), List.of(), null, List.of(), 1, List.of(), RestartPolicy.NO,
                "none");

        JsonNode body = new ObjectMapper().readTree(ContainerCreateJson.of(d));

        assertThat(body.path("Entrypoint")).hasSize(3);
        assertThat(body.path("Cmd")).as("present and empty").isEmpty();
        assertThat(body.has("Cmd")).isTrue();
        assertThat(body.path("HostConfig").path("NetworkMode").asText()).isEqualTo("none");
        assertThat(body.path("HostConfig").path("RestartPolicy").path("Name").asText()).isEqualTo("no");
    }
}
