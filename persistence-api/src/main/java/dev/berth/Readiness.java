package dev.berth;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * When a started container counts as ready. {@link StatefulContainer#start()} and
 * {@link StatefulContainer#recreate()} return only once it holds; if the container exits first, or the timeout
 * passes, they throw {@link ContainerNotReadyException}. Immutable and thread-safe.
 *
 * <pre>{@code
 * berth.container("pg").image("postgres:16").readyWhen(Readiness.logLine("ready to accept connections", 2))
 * }</pre>
 */
public final class Readiness {
    private final String description;
    private final Predicate<StatefulContainer> check;
    private final @Nullable Duration timeout;

    private Readiness(String description, Predicate<StatefulContainer> check, @Nullable Duration timeout) {
        this.description = description;
        this.check = check;
        this.timeout = timeout;
    }

    /** Ready as soon as the container runs. The default. */
    public static Readiness running() {
        return new Readiness("running", c -> c.state() == ContainerState.RUNNING, null);
    }

    /** Ready once the container's log holds {@code text} at least {@code times} times. */
    public static Readiness logLine(String text, int times) {
        Objects.requireNonNull(text, "text");
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1, was " + times);
        }
        return new Readiness("log line '" + text + "' x" + times, c -> occurrences(c.logs(), text) >= times, null);
    }

    /** Ready once {@code text} appears in the log. */
    public static Readiness logLine(String text) {
        return logLine(text, 1);
    }

    /** Ready once the command, run inside the container, exits with 0. */
    public static Readiness command(String... command) {
        List<String> cmd = List.of(command);
        if (cmd.isEmpty()) {
            throw new IllegalArgumentException("command must not be empty");
        }
        return new Readiness("command " + cmd, c -> c.exec(command).succeeded(), null);
    }

    /**
     * Ready once {@code check} returns true; it is called repeatedly, and an exception from it counts as not ready
     * yet. Recipes use it to open a real client connection.
     */
    public static Readiness when(String description, Predicate<StatefulContainer> check) {
        return new Readiness(Objects.requireNonNull(description, "description"),
                Objects.requireNonNull(check, "check"), null);
    }

    /** The same check with its own time limit instead of {@link BerthSettings#readyTimeout()}. */
    public Readiness withTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        return new Readiness(description, check, timeout);
    }

    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    /** Runs the check once. Implementations call it until it holds. */
    public boolean isReady(StatefulContainer container) {
        return check.test(container);
    }

    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return "Readiness[" + description + (timeout == null ? "" : ", timeout=" + timeout) + "]";
    }

    static int occurrences(String haystack, String needle) {
        int count = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length())) {
            count++;
        }
        return count;
    }

    /** Equal when the description and timeout are: the description names what is checked. */
    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof Readiness r && description.equals(r.description) && Objects.equals(timeout, r.timeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(description, timeout);
    }
}
