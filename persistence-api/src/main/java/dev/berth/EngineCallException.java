package dev.berth;

import java.util.Locale;

/**
 * An engine refused or failed one call. {@link #reason()} says what kind of failure it was, so that a caller can
 * tell a container that is gone from one that is not running, or an engine that is busy from one that is down;
 * {@link #operation()} names the call and {@link #endpoint()} the engine. The message says what to do.
 *
 * <p>No type of the Docker client Berth uses behind this ever reaches a caller, not even as a cause.
 */
public class EngineCallException extends BerthException {
    private static final long serialVersionUID = 1L;

    /** What kind of failure the engine reported. */
    public enum Reason {
        /** What the call names does not exist (HTTP 404). */
        NOT_FOUND,
        /** The call had nothing to do: the container is already stopped, for example (HTTP 304). */
        NOT_MODIFIED,
        /**
         * The engine's state does not allow the call now (HTTP 409): a pause or exec on a container that is not
         * running, a name another object holds, a service that someone else changed since it was read.
         */
        CONFLICT,
        /** The request itself is wrong (another 4xx): a bad image reference, an option the engine does not know. */
        INVALID,
        /** A condition that passes on its own: "device or resource busy", a removal already in progress. */
        BUSY,
        /** The engine did not answer: refused or reset connection, or a 502/503/504 on the way. */
        UNREACHABLE,
        /**
         * The engine did not answer within the call's deadline. Berth then cuts that engine off for a few seconds, so
         * that a dead node costs one timeout, not one per call.
         */
        TIMED_OUT,
        /** The engine failed the call (HTTP 500 and the rest). */
        FAILED;

        /** Whether trying the same call again later may succeed. */
        public boolean isTransient() {
            return this == BUSY || this == UNREACHABLE || this == TIMED_OUT;
        }
    }

    private final Reason reason;
    private final String operation;
    private final String endpoint;
    private final int status;

    public EngineCallException(Reason reason, String operation, String endpoint, int status, String message) {
        super(message);
        this.reason = reason;
        this.operation = operation;
        this.endpoint = endpoint;
        this.status = status;
    }

    public Reason reason() {
        return reason;
    }

    /** The call, such as {@code pause container 3f2a9c}. */
    public String operation() {
        return operation;
    }

    /** The engine's endpoint, such as {@code unix:///var/run/docker.sock}. */
    public String endpoint() {
        return endpoint;
    }

    /** The engine's HTTP status, or 0 when it did not answer. */
    public int status() {
        return status;
    }

    /** Whether trying the same call again later may succeed. */
    public boolean isTransient() {
        return reason.isTransient();
    }

    @Override
    public String toString() {
        return "EngineCallException[" + reason.name().toLowerCase(Locale.ROOT) + ", " + operation + "]: " + getMessage();
    }
}
