package dev.berth.docker.internal.engine;

import dev.berth.EngineCallException.Reason;
import dev.berth.EngineCallException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** One attempt at a docker-java call against one endpoint, its failure translated by {@link EngineFailures}. */
final class DockerJavaCalls {
    private final String endpoint;

    DockerJavaCalls(String endpoint) {
        this.endpoint = endpoint;
    }

    String endpoint() {
        return endpoint;
    }

    <T> T call(String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw EngineFailures.translate(operation, endpoint, e);
        }
    }

    void run(String operation, Runnable call) {
        call(operation, () -> {
            call.run();
            return null;
        });
    }

    /** The call; a 404 means empty. */
    <T> Optional<T> find(String operation, Supplier<T> call) {
        try {
            return Optional.ofNullable(call(operation, call));
        } catch (EngineCallException e) {
            if (e.reason() == Reason.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The call for its effect; the answers given count as done too. */
    void runDoneOn(String operation, Runnable call, Reason... done) {
        try {
            run(operation, call);
        } catch (EngineCallException e) {
            if (!List.of(done).contains(e.reason())) {
                throw e;
            }
        }
    }

    /** Closes the client; a failure says which connection. */
    void close(java.io.Closeable client) {
        try {
            client.close();
        } catch (java.io.IOException e) {
            throw new dev.berth.BerthException("Closing the connection to " + endpoint + " failed: " + e.getMessage());
        }
    }
}
