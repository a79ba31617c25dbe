package dev.berth.docker.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.berth.BerthSettings;
import dev.berth.EngineUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds an engine the way the docker CLI does and connects to the first that answers, at the API version agreed with
 * it ({@link ApiVersion#agree}): the highest both speak, so Docker 20.10 is spoken to in 1.41 and Docker 29, which
 * refuses clients below 1.44, in 1.51. The engine comes wrapped in a {@link ResilientEngine}.
 */
public final class EngineConnector {
    private static final Logger LOG = LoggerFactory.getLogger(EngineConnector.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private EngineConnector() {
    }

    public static Engine connect(BerthSettings settings) {
        List<EngineEndpoints.Candidate> candidates = EngineEndpoints.discover(
                settings.dockerHost(), System.getenv(), Path.of(System.getProperty("user.home")));
        return connect(candidates, settings);
    }

    public static Engine connect(List<EngineEndpoints.Candidate> candidates, BerthSettings settings) {
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
        DockerClientConfig discovered = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(uri)
                .build();
        DockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(discovered.getDockerHost())
                .sslConfig(discovered.getSSLConfig())
                .maxConnections(64)
                .connectionTimeout(settings.connectTimeout())
                .responseTimeout(settings.responseTimeout())
                .build();
        try {
            JsonNode version = versionOf(http, uri);
            ApiVersion agreed = ApiVersion.agree(ApiVersion.parse(version.path("ApiVersion").asText()),
                    ApiVersion.parse(version.path("MinAPIVersion").asText("1.12")), uri);
            DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(uri)
                    .withApiVersion(agreed.toString()).build();
            DockerClient client = DockerClientImpl.getInstance(config, http);
            LOG.info("Connected to Docker {} at {}: API {} agreed (the engine speaks {} to {})",
                    version.path("Version").asText("?"), uri, agreed, version.path("MinAPIVersion").asText("?"),
                    version.path("ApiVersion").asText("?"));
            ArchiveTransport archives = new ArchiveTransport(uri, agreed, settings.connectTimeout(),
                    settings.responseTimeout());
            return new ResilientEngine(new DockerJavaEngine(uri, client, http, agreed, archives),
                    settings.retryPolicy());
        } catch (RuntimeException e) {
            try {
                http.close();
            } catch (IOException ignored) {
                // the failure to connect is what matters
            }
            throw e;
        }
    }

    /** The engine's {@code GET /version}, unversioned: every engine answers it in its own current version. */
    private static JsonNode versionOf(DockerHttpClient http, String uri) {
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET).path("/version").build();
        try (DockerHttpClient.Response response = http.execute(request); InputStream body = response.getBody()) {
            JsonNode json = JSON.readTree(body);
            if (response.getStatusCode() != 200) {
                throw EngineFailures.of("tell its version", uri, response.getStatusCode(),
                        json.path("message").asText(json.toString()));
            }
            return json;
        } catch (IOException | RuntimeException e) {
            throw EngineFailures.translate("tell its version", uri, e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
