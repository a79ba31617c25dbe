package dev.berth.docker.internal.engine;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The Engine API's archive endpoints ({@code GET} and {@code PUT /containers/{id}/archive}) of one engine, and the
 * plugin bundle it takes as a tar ({@code POST /plugins/create}), streamed
 * over {@link HttpConnection}: the tar flows through without being held in memory, and every read and write has a
 * deadline. One attempt per call; {@link ResilientEngine} decides about another.
 */
final class ArchiveTransport {
    private final String endpoint;
    private final String versionPrefix;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    /** {@code version} is the API version agreed with the engine: every path is sent under it. */
    ArchiveTransport(String endpoint, ApiVersion version, Duration connectTimeout, Duration readTimeout) {
        this.endpoint = endpoint;
        this.versionPrefix = "/v" + version;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    /** The tar of {@code path} in the container; close it when done. */
    InputStream download(String containerId, String path) {
        String what = "read " + path + " of container " + containerId;
        String target = versionPrefix + "/containers/" + containerId + "/archive?path=" + encode(path);
        try {
            HttpConnection connection = HttpConnection.open(endpoint, connectTimeout, readTimeout);
            try {
                connection.send("GET", target, Map.of());
                if (connection.readHead() != 200) {
                    throw connection.failure(endpoint, what);
                }
                return new FilterInputStream(connection.body()) {
                    @Override
                    public void close() throws IOException {
                        connection.close();
                    }
                };
            } catch (IOException | RuntimeException e) {
                connection.close();
                throw e;
            }
        } catch (IOException e) {
            throw EngineFailures.translate(what, endpoint, e);
        }
    }

    /** Extracts the tar that {@code body} writes into {@code path} of the container. */
    void upload(String containerId, String path, ArchiveBody body) {
        send("PUT", "/containers/" + containerId + "/archive?path=" + encode(path) + "&noOverwriteDirNonDir=true",
                "write into " + path + " of container " + containerId, body);
    }

    /** Creates a managed plugin from the tar of its bundle that {@code body} writes ({@code POST /plugins/create}). */
    void createPlugin(String name, ArchiveBody body) {
        send("POST", "/plugins/create?name=" + encode(name), "create plugin " + name, body);
    }

    /** Sends the tar that {@code body} writes as a request's body, as it is written; 200 or 204 is done. */
    private void send(String method, String path, String what, ArchiveBody body) {
        String target = versionPrefix + path;
        try (HttpConnection connection = HttpConnection.open(endpoint, connectTimeout, readTimeout)) {
            connection.send(method, target, Map.of("Content-Type", "application/x-tar", "Transfer-Encoding", "chunked"));
            boolean[] engineGone = {false};
            ChunkedOutput chunks = new ChunkedOutput(new FilterOutputStream(connection.output()) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    try {
                        out.write(b, off, len);
                    } catch (IOException e) {
                        engineGone[0] = true;
                        throw e;
                    }
                }
            });
            try {
                body.writeTo(chunks);
                chunks.finish();
            } catch (IOException e) {
                // Only an engine that stopped reading has answered; one still waiting for the body never will.
                throw engineGone[0] ? refusal(connection, what, e) : e;
            }
            int status = connection.readHead();
            if (status != 200 && status != 204) {
                throw connection.failure(endpoint, what);
            }
        } catch (IOException e) {
            throw EngineFailures.translate(what, endpoint, e);
        }
    }

    /** A write failed: if the engine answered (and closed), its answer says why. */
    private IOException refusal(HttpConnection connection, String what, IOException e) {
        try {
            int status = connection.readHead();
            if (status >= 300) {
                RuntimeException answer = connection.failure(endpoint, what);
                answer.addSuppressed(e);
                throw answer;
            }
        } catch (IOException unanswered) {
            e.addSuppressed(unanswered);
        }
        return e;
    }

    private static String encode(String path) {
        return URLEncoder.encode(path, StandardCharsets.UTF_8);
    }
}
