package dev.berth.docker.internal;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The Engine API's archive endpoints ({@code GET} and {@code PUT /containers/{id}/archive}), streamed over
 * {@link HttpConnection}: the tar flows through without being held in memory. Both go through the engine's retry
 * policy: a download until its stream is open, an upload as a whole (its body is written again from the start).
 */
final class ArchiveTransport {

    /** Writes a request body; may be called again after a transient failure, and must then start over. */
    interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private ArchiveTransport() {
    }

    /** The tar of {@code path} in the container; close it when done. */
    static InputStream download(Engine engine, Duration connectTimeout, String containerId, String path) {
        String target = "/containers/" + containerId + "/archive?path=" + encode(path);
        return engine.call(() -> {
            try {
                HttpConnection connection = HttpConnection.open(engine.endpoint(), connectTimeout);
                try {
                    connection.send("GET", target, Map.of());
                    if (connection.readHead() != 200) {
                        throw connection.failure("reading " + path + " of container " + containerId);
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
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Extracts the tar that {@code body} writes into {@code path} of the container. */
    static void upload(Engine engine, Duration connectTimeout, String containerId, String path, Body body) {
        String target = "/containers/" + containerId + "/archive?path=" + encode(path) + "&noOverwriteDirNonDir=true";
        engine.run(() -> {
            try (HttpConnection connection = HttpConnection.open(engine.endpoint(), connectTimeout)) {
                connection.send("PUT", target, Map.of("Content-Type", "application/x-tar",
                        "Transfer-Encoding", "chunked"));
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
                    throw engineGone[0] ? refusal(connection, containerId, e) : e;
                }
                if (connection.readHead() != 200) {
                    throw connection.failure("writing into " + path + " of container " + containerId);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** A write failed: if the engine answered (and closed), its answer says why. */
    private static IOException refusal(HttpConnection connection, String containerId, IOException e) {
        try {
            int status = connection.readHead();
            if (status >= 300) {
                RuntimeException answer = connection.failure("writing into container " + containerId);
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
