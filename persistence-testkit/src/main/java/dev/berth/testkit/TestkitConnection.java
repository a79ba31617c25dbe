package dev.berth.testkit;

import dev.berth.Berth;
import dev.berth.BerthSettings;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects the testkit to Docker: the system property {@value #DOCKER_HOST_PROPERTY} if set; else, when Testcontainers
 * is on the class path, the engine Testcontainers finds (so a user's Testcontainers configuration just works); else
 * the way the docker CLI finds it. With Testcontainers' engine, published ports are reached where Testcontainers
 * reaches them.
 */
final class TestkitConnection {
    static final String DOCKER_HOST_PROPERTY = "berth.testkit.dockerHost";
    private static final Logger LOG = LoggerFactory.getLogger(TestkitConnection.class);

    private TestkitConnection() {
    }

    static Berth connect(Map<String, String> labels) {
        BerthSettings.Builder settings = BerthSettings.builder();
        labels.forEach(settings::label);
        dockerHost().ifPresent(settings::dockerHost);
        if (System.getProperty(DOCKER_HOST_PROPERTY) == null && testcontainersDockerHost().isPresent()) {
            settings.publishedHost(TestcontainersDiscovery.publishedHost()); // ports where Testcontainers reaches them
        }
        return Berth.connect(settings.build());
    }

    private static Optional<String> dockerHost() {
        String explicit = System.getProperty(DOCKER_HOST_PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            return Optional.of(explicit);
        }
        return testcontainersDockerHost();
    }

    private static Optional<String> testcontainersDockerHost() {
        try {
            Class.forName("org.testcontainers.DockerClientFactory", false, TestkitConnection.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError absent) {
            return Optional.empty();
        }
        try {
            return Optional.of(TestcontainersDiscovery.dockerHost());
        } catch (RuntimeException e) {
            LOG.debug("Testcontainers found no engine ({}); looking the way the docker CLI does", e.toString());
            return Optional.empty();
        }
    }
}
