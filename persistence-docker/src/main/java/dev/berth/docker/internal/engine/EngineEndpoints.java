package dev.berth.docker.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.docker.internal.common.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where to look for an engine, in the docker CLI's order: an explicit host, {@code DOCKER_HOST}, the current docker
 * context ({@code DOCKER_CONTEXT} or {@code ~/.docker/config.json}), then the usual sockets (system, rootless,
 * Docker Desktop). An explicit choice is the only candidate, as with the CLI.
 */
public final class EngineEndpoints {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An endpoint and where it came from, for error messages. */
    public record Candidate(String uri, String source) {
        @Override
        public String toString() {
            return uri + " (" + source + ")";
        }
    }

    private EngineEndpoints() {
    }

    public static List<Candidate> discover(Optional<String> explicit, Map<String, String> env, Path home) {
        if (explicit.isPresent()) {
            return List.of(new Candidate(explicit.get(), "BerthSettings.dockerHost"));
        }
        String dockerHost = env.get("DOCKER_HOST");
        if (dockerHost != null && !dockerHost.isBlank()) {
            return List.of(new Candidate(dockerHost, "DOCKER_HOST"));
        }
        Optional<Candidate> context = currentContext(env, home);
        if (context.isPresent()) {
            return List.of(context.get());
        }
        List<Candidate> sockets = new ArrayList<>();
        sockets.add(new Candidate("unix:///var/run/docker.sock", "default socket"));
        String runtimeDir = env.get("XDG_RUNTIME_DIR");
        if (runtimeDir != null && !runtimeDir.isBlank()) {
            sockets.add(new Candidate("unix://" + runtimeDir + "/docker.sock", "rootless socket"));
        }
        sockets.add(new Candidate("unix://" + home.resolve(".docker/run/docker.sock"), "Docker Desktop socket"));
        return sockets;
    }

    private static Optional<Candidate> currentContext(Map<String, String> env, Path home) {
        Path dockerConfig = Optional.ofNullable(env.get("DOCKER_CONFIG")).map(Path::of).orElse(home.resolve(".docker"));
        String name = env.get("DOCKER_CONTEXT");
        String source = "DOCKER_CONTEXT";
        if (name == null || name.isBlank()) {
            name = readField(dockerConfig.resolve("config.json"), "currentContext").orElse(null);
            source = "docker context";
        }
        if (name == null || name.isBlank() || name.equals("default")) {
            return Optional.empty();
        }
        Path meta = dockerConfig.resolve("contexts/meta").resolve(Sha256.hex(name)).resolve("meta.json");
        String label = source + " '" + name + "'";
        return readTree(meta).map(n -> n.path("Endpoints").path("docker").path("Host").asText(""))
                .filter(host -> !host.isBlank())
                .map(host -> new Candidate(host, label));
    }

    private static Optional<String> readField(Path file, String field) {
        return readTree(file).map(n -> n.path(field).asText("")).filter(s -> !s.isBlank());
    }

    private static Optional<JsonNode> readTree(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(file.toFile()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
