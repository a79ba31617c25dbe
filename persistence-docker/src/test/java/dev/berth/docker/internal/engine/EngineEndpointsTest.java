package dev.berth.docker.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineEndpointsTest {
    @TempDir
    Path home;

    @Test
    void anExplicitHostIsTheOnlyCandidate() {
        assertThat(EngineEndpoints.discover(Optional.of("tcp://h:2375"), Map.of("DOCKER_HOST", "unix:///x"), home))
                .extracting(EngineEndpoints.Candidate::uri).containsExactly("tcp://h:2375");
    }

    @Test
    void dockerHostWinsOverContextsAndSockets() {
        assertThat(EngineEndpoints.discover(Optional.empty(), Map.of("DOCKER_HOST", "unix:///run/user/1/d.sock",
                "DOCKER_CONTEXT", "remote"), home))
                .extracting(EngineEndpoints.Candidate::uri).containsExactly("unix:///run/user/1/d.sock");
    }

    @Test
    void theCurrentDockerContextIsFollowed() throws IOException {
        writeContext("colima", "unix:///home/u/.colima/default/docker.sock");
        Files.writeString(home.resolve(".docker/config.json"), "{\"currentContext\":\"colima\"}");

        assertThat(EngineEndpoints.discover(Optional.empty(), Map.of(), home))
                .containsExactly(new EngineEndpoints.Candidate("unix:///home/u/.colima/default/docker.sock",
                        "docker context 'colima'"));
    }

    @Test
    void dockerContextVariableOverridesTheConfigFile() throws IOException {
        writeContext("ci", "tcp://ci:2376");
        Files.writeString(home.resolve(".docker/config.json"), "{\"currentContext\":\"other\"}");

        assertThat(EngineEndpoints.discover(Optional.empty(), Map.of("DOCKER_CONTEXT", "ci"), home))
                .extracting(EngineEndpoints.Candidate::uri).containsExactly("tcp://ci:2376");
    }

    @Test
    void withoutConfigurationTheUsualSocketsAreTriedInOrder() {
        assertThat(EngineEndpoints.discover(Optional.empty(), Map.of("XDG_RUNTIME_DIR", "/run/user/1000"), home))
                .extracting(EngineEndpoints.Candidate::uri)
                .containsExactly("unix:///var/run/docker.sock", "unix:///run/user/1000/docker.sock",
                        "unix://" + home.resolve(".docker/run/docker.sock"));
    }

    private void writeContext(String name, String host) throws IOException {
        Path meta = home.resolve(".docker/contexts/meta").resolve(dev.berth.docker.internal.common.Sha256.hex(name));
        Files.createDirectories(meta);
        Files.writeString(meta.resolve("meta.json"),
                "{\"Name\":\"" + name + "\",\"Endpoints\":{\"docker\":{\"Host\":\"" + host + "\"}}}");
    }
}
