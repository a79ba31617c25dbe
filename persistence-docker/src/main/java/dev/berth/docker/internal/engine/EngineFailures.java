package dev.berth.docker.internal.engine;

import com.github.dockerjava.api.exception.DockerException;
import dev.berth.BerthException;
import dev.berth.EngineCallException.Reason;
import dev.berth.EngineCallException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one place where a failure of the Docker client becomes a Berth exception: sorted into a {@link Reason}, with a
 * message that says what to do. The client's own exception is not kept as the cause, so that none of its types
 * reaches a caller; its status and message are in the new one.
 */
public final class EngineFailures {
    /** What the engine says (in 500s, and 409s for removals) about conditions that pass on their own. */
    private static final List<Pattern> TRANSIENT_MESSAGES = List.of(
            Pattern.compile("device or resource busy"),
            Pattern.compile("is already in progress"),
            Pattern.compile("resource temporarily unavailable"),
            Pattern.compile("try again"),
            Pattern.compile("context deadline exceeded"),
            Pattern.compile("i/o timeout"),
            Pattern.compile("connection reset by peer"),
            Pattern.compile("plugin .* (timed out|timeout)"),
            Pattern.compile("timed out waiting"));

    /** What older engines answer with a 500 when a container's state does not allow the call (unpause, say). */
    private static final List<Pattern> STATE_MESSAGES = List.of(
            Pattern.compile("is not (running|paused)"),
            Pattern.compile("is (already )?paused"),
            Pattern.compile("is restarting"));

    private EngineFailures() {
    }

    /** The Berth exception for a failure of {@code operation} at {@code endpoint}. */
    public static BerthException translate(String operation, String endpoint, Throwable failure) {
        if (failure instanceof BerthException berth) {
            return berth;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DockerException docker) {
                return of(operation, endpoint, docker.getHttpStatus(), engineMessage(docker.getMessage()));
            }
            if (t instanceof java.io.InterruptedIOException) {
                return timedOut(operation, endpoint, t.getClass().getSimpleName() + ": " + t.getMessage());
            }
            if (t instanceof IOException || t instanceof UncheckedIOException) {
                return unreachable(operation, endpoint, t.getClass().getSimpleName() + ": " + t.getMessage());
            }
            if (t instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                return new BerthException("Interrupted while waiting to " + operation + " at " + endpoint);
            }
        }
        return new EngineCallException(Reason.FAILED, operation, endpoint, 0, "Could not " + operation + " at "
                + endpoint + ": " + failure.getClass().getSimpleName() + ": " + failure.getMessage());
    }

    /** The exception for an HTTP answer of the engine. */
    public static EngineCallException of(String operation, String endpoint, int status, String engineMessage) {
        Reason reason = reason(status, engineMessage);
        return new EngineCallException(reason, operation, endpoint, status, "The engine at " + endpoint
                + " could not " + operation + " (HTTP " + status + ": " + engineMessage + "). " + advice(reason));
    }

    /** The exception for an engine that did not answer. */
    public static EngineCallException unreachable(String operation, String endpoint, String why) {
        return new EngineCallException(Reason.UNREACHABLE, operation, endpoint, 0, "The engine at " + endpoint
                + " did not answer to " + operation + " (" + why + "). " + advice(Reason.UNREACHABLE));
    }

    /** The exception for an engine that did not answer within the deadline. */
    public static EngineCallException timedOut(String operation, String endpoint, String why) {
        return new EngineCallException(Reason.TIMED_OUT, operation, endpoint, 0, "The engine at " + endpoint
                + " did not answer to " + operation + " in time (" + why + "). " + advice(Reason.TIMED_OUT));
    }

    static Reason reason(int status, String message) {
        if (status == 304) {
            return Reason.NOT_MODIFIED;
        }
        if (status == 404) {
            return Reason.NOT_FOUND;
        }
        if (status == 409) {
            return isTransient(message) ? Reason.BUSY : Reason.CONFLICT;
        }
        if (status >= 400 && status < 500) {
            return Reason.INVALID;
        }
        if (status == 502 || status == 503 || status == 504) {
            return Reason.UNREACHABLE;
        }
        if (status == 500 && isTransient(message)) {
            return Reason.BUSY;
        }
        if (status == 500 && matches(STATE_MESSAGES, message)) {
            return Reason.CONFLICT;
        }
        return Reason.FAILED;
    }

    private static String advice(Reason reason) {
        return switch (reason) {
            case NOT_FOUND -> "It is gone: it was removed outside Berth, or never made. Create or start it again "
                    + "through Berth.";
            case NOT_MODIFIED -> "There was nothing to do.";
            case CONFLICT -> "The engine's state does not allow it now: a container that is not running (start it "
                    + "first), a name that is taken, or an object someone else changed meanwhile. Check its state, "
                    + "then try again.";
            case INVALID -> "The request is wrong for this engine: check the image, options and names given.";
            case BUSY -> "The engine is busy with it: try again in a moment.";
            case UNREACHABLE -> "Is the engine up and reachable? Check the node and its network.";
            case TIMED_OUT -> "Is the node up, and its engine not hung? Berth tries it again in a few seconds.";
            case FAILED -> "The engine failed: its log (journalctl -u docker, or dockerd's log file) says why.";
        };
    }

    private static boolean isTransient(String message) {
        return matches(TRANSIENT_MESSAGES, message);
    }

    private static boolean matches(List<Pattern> patterns, String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        return patterns.stream().anyMatch(p -> p.matcher(lower).find());
    }

    /** docker-java's message is {@code Status 409: {"message":"..."}}: the engine's words are inside. */
    private static String engineMessage(String message) {
        String text = String.valueOf(message).strip();
        int at = text.indexOf("\"message\":\"");
        if (at >= 0) {
            int start = at + "\"message\":\"".length();
            int end = text.indexOf('"', start);
            return end > start ? text.substring(start, end) : text.substring(start);
        }
        return text;
    }
}
