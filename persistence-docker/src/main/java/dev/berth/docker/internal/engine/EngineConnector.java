package dev.berth.docker.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.berth.BerthSettings;
import dev.berth.EngineUnavailableException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds an engine the way the docker CLI does and connects to the first that answers. The API version is not
 * pinned: requests go to unversioned paths, so every engine answers in its own current version (Docker 20.10 with
 * API 1.41 as well as Docker 29 with 1.52, which refuses clients below 1.44). Setting docker-java's
 * {@code api.version} property pins one for those who must.
 */
public final class EngineConnector {
    private static final Logger LOG = LoggerFactory.getLogger(EngineConnector.class);

    private EngineConnector() {
    }

    public static Engine connect(BerthSettings settings) {
        List<EngineEndpoints.Candidate> candidates = EngineEndpoints.discover(
                settings.dockerHost(), System.getenv(), Path.of(System.getProperty("user.home")));
        return connect(candidates, settings);
    }

    static Engine connect(List<EngineEndpoints.Candidate> candidates, BerthSettings settings) {
        StringBuilder details = new StringBuilder();
        RuntimeException last = null;
        for (EngineEndpoints.Candidate candidate : candidates) {
            try {
                return open(candidate.uri(), settings);
            } catch (RuntimeException e) {
                last = e;
                details.append("- ").append(candidate).append(": ").append(rootMessage(e)).append('\n');
            }
        }
        throw new EngineUnavailableException(
                candidates.stream().map(EngineEndpoints.Candidate::uri).toList(), details.toString().strip(), last);
    }

    private static Engine open(String uri, BerthSettings settings) {
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(uri).build();
        DockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(64)
                .connectionTimeout(settings.connectTimeout())
                .responseTimeout(settings.responseTimeout())
                .build();
        DockerClient client = DockerClientImpl.getInstance(config, http);
        try {
            Version version = client.versionCmd().exec();
            LOG.info("Connected to Docker {} (API {}) at {}", version.getVersion(), version.getApiVersion(), uri);
        } catch (RuntimeException e) {
            try {
                client.close();
            } catch (java.io.IOException ignored) {
                // the failure to connect is what matters
            }
            throw e;
        }
        return new Engine(uri, client, http, settings.retryPolicy());
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
