package dev.berth.docker.internal;

import com.github.dockerjava.api.exception.DockerException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Sorts engine failures into {@link Failure}s. The table lives here, in one place, with a unit test per row.
 */
final class FailureClassifier {
    /** What the engine says (in 500s, and 409s for removals) about conditions that pass on their own. */
    private static final List<Pattern> TRANSIENT_MESSAGES = List.of(
            Pattern.compile("device or resource busy"),
            Pattern.compile("removal of container .* is already in progress"),
            Pattern.compile("is already in progress"),
            Pattern.compile("resource temporarily unavailable"),
            Pattern.compile("try again"),
            Pattern.compile("context deadline exceeded"),
            Pattern.compile("i/o timeout"),
            Pattern.compile("connection reset by peer"),
            Pattern.compile("plugin .* (timed out|timeout)"),
            Pattern.compile("timed out waiting"));

    private FailureClassifier() {
    }

    static Failure classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DockerException docker) {
                return byStatus(docker.getHttpStatus(), String.valueOf(docker.getMessage()));
            }
            if (t instanceof IOException || t instanceof UncheckedIOException) {
                return Failure.TRANSIENT;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Failure.FATAL;
    }

    static Failure byStatus(int status, String message) {
        if (status == 304) {
            return Failure.NOT_MODIFIED;
        }
        if (status == 404) {
            return Failure.NOT_FOUND;
        }
        if (status == 409) {
            return isTransient(message) ? Failure.TRANSIENT : Failure.CONFLICT;
        }
        if (status >= 400 && status < 500) {
            return Failure.INPUT;
        }
        if (status == 502 || status == 503 || status == 504) {
            return Failure.TRANSIENT;
        }
        if (status == 500) {
            return isTransient(message) ? Failure.TRANSIENT : Failure.FATAL;
        }
        return Failure.FATAL;
    }

    private static boolean isTransient(String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        return TRANSIENT_MESSAGES.stream().anyMatch(p -> p.matcher(lower).find());
    }
}
