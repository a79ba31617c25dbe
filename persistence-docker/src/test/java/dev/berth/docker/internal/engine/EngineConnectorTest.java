package dev.berth.docker.internal.engine;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.BerthSettings;
import dev.berth.EngineUnavailableException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineConnectorTest {

    @Test
    void whenNoEngineAnswersTheErrorListsEveryEndpointTriedAndWhatToDo() {
        List<EngineEndpoints.Candidate> candidates = List.of(
                new EngineEndpoints.Candidate("unix:///nonexistent/docker.sock", "default socket"),
                new EngineEndpoints.Candidate("unix:///nonexistent/rootless.sock", "rootless socket"));
        BerthSettings settings = BerthSettings.builder().connectTimeout(Duration.ofMillis(200)).build();

        assertThatThrownBy(() -> EngineConnector.connect(candidates, settings))
                .isInstanceOfSatisfying(EngineUnavailableException.class, e -> org.assertj.core.api.Assertions
                        .assertThat(e.endpointsTried()).containsExactly("unix:///nonexistent/docker.sock",
                                "unix:///nonexistent/rootless.sock"))
                .hasMessageContaining("unix:///nonexistent/docker.sock (default socket)")
                .hasMessageContaining("unix:///nonexistent/rootless.sock (rootless socket)")
                .hasMessageContaining("DOCKER_HOST");
    }
}
