package dev.berth.docker.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.berth.BerthException;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One engine: the docker-java client, the raw HTTP client for endpoints docker-java lacks, and the retry policy every
 * call goes through. Thread-safe.
 */
public final class Engine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String endpoint;
    private final DockerClient client;
    private final DockerHttpClient http;
    private final FailsafeExecutor<Object> retrying;

    Engine(String endpoint, DockerClient client, DockerHttpClient http, dev.berth.RetryPolicy policy) {
        this.endpoint = endpoint;
        this.client = client;
        this.http = http;
        this.retrying = Failsafe.with(failsafePolicy(policy));
    }

    static RetryPolicy<Object> failsafePolicy(dev.berth.RetryPolicy policy) {
        var builder = RetryPolicy.builder()
                .handleIf((result, failure) -> failure != null && FailureClassifier.classify(failure) == Failure.TRANSIENT)
                .withMaxAttempts(policy.maxAttempts())
                .withMaxDuration(policy.maxDuration())
                .onRetry(e -> LOG.debug("Retrying after transient engine failure (attempt {}): {}",
                        e.getAttemptCount() + 1, String.valueOf(e.getLastException())));
        if (policy.maxAttempts() > 1) {
            long initial = policy.initialBackoff().toMillis();
            long max = Math.max(initial + 1, policy.maxBackoff().toMillis());
            builder.withBackoff(initial, max, ChronoUnit.MILLIS);
            if (policy.jitterFactor() > 0) {
                builder.withJitter(policy.jitterFactor());
            }
        }
        return builder.build();
    }

    /** The endpoint this engine answers at, such as {@code unix:///var/run/docker.sock}. */
    public String endpoint() {
        return endpoint;
    }

    /** The host that published ports are reachable on. */
    public String publishedHost() {
        URI uri = URI.create(endpoint);
        String host = uri.getHost();
        return "tcp".equals(uri.getScheme()) && host != null ? host : "localhost";
    }

    public DockerClient client() {
        return client;
    }

    /** Calls the engine, retrying transient failures. */
    public <T> T call(Supplier<T> call) {
        return retrying.get(call::get);
    }

    /** Calls the engine for its effect, retrying transient failures. */
    public void run(Runnable call) {
        retrying.run(call::run);
    }

    /** Calls the engine; a 404 means empty. */
    public <T> Optional<T> find(Supplier<T> call) {
        try {
            return Optional.ofNullable(call(call));
        } catch (RuntimeException e) {
            if (FailureClassifier.classify(e) == Failure.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Runs an engine call for its effect; a 404 counts as done (the thing is already gone). */
    public void runIgnoringAbsent(Runnable call) {
        find(() -> {
            call.run();
            return Boolean.TRUE;
        });
    }

    /** GETs a raw Engine API path (for what docker-java lacks); empty on 404. */
    public Optional<JsonNode> getJson(String path) {
        return call(() -> {
            DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                    .method(DockerHttpClient.Request.Method.GET).path(path).build();
            try (DockerHttpClient.Response response = http.execute(request); InputStream body = response.getBody()) {
                int status = response.getStatusCode();
                if (status == 404) {
                    return Optional.<JsonNode>empty();
                }
                JsonNode json = JSON.readTree(body);
                if (status >= 300) {
                    throw new RawEngineException(status, path + ": " + json.path("message").asText(json.toString()));
                }
                return Optional.of(json);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("GET " + path + " failed", e);
            }
        });
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            throw new BerthException("Closing the connection to " + endpoint + " failed", e);
        }
    }

    /** A failed raw call, classified like docker-java's own exceptions. */
    static final class RawEngineException extends com.github.dockerjava.api.exception.DockerException {
        private static final long serialVersionUID = 1L;

        RawEngineException(int status, String message) {
            super(message, status);
        }
    }
}
