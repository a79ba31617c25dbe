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
 * <p>A database's first start differs from its later ones: on an empty data directory, the official images of
 * Postgres, MySQL and MariaDB run a temporary server to initialise it, then the real one, so their "ready" line
 * appears twice; on existing data it appears once. Berth knows which start it is doing (before a start it looks
 * whether every volume the container mounts is empty), so a check can differ between the two:
 * {@link #logLine(String, int)} counts its line that many times on a first start and once on a restart.
 *
 * <pre>{@code
 * berth.container("pg").image("postgres:16").readyWhen(Readiness.logLine("ready to accept connections", 2))
 * }</pre>
 */
public final class Readiness {
    private final String description;
    private final Predicate<StatefulContainer> check;
    private final Predicate<StatefulContainer> onRestart;
    private final @Nullable Duration timeout;

    private Readiness(String description, Predicate<StatefulContainer> check, @Nullable Duration timeout) {
        this(description, check, check, timeout);
    }

    private Readiness(String description, Predicate<StatefulContainer> check, Predicate<StatefulContainer> onRestart,
            @Nullable Duration timeout) {
        this.description = description;
        this.check = check;
        this.onRestart = onRestart;
        this.timeout = timeout;
    }

    /** Ready as soon as the container runs. The default. */
    public static Readiness running() {
        return new Readiness("running", c -> c.state() == ContainerState.RUNNING, null);
    }

    /**
     * Ready once the container's log holds {@code text} {@code times} times on a first start (every volume it mounts
     * empty), and once on a restart over existing data: what the official database images do.
     */
    public static Readiness logLine(String text, int times) {
        return logLine(text, times, 1);
    }

    /**
     * Ready once the container's log holds {@code text} {@code onFirstStart} times on a first start (every volume it
     * mounts empty), and {@code onRestart} times on a start over existing data.
     */
    public static Readiness logLine(String text, int onFirstStart, int onRestart) {
        Objects.requireNonNull(text, "text");
        if (onFirstStart < 1 || onRestart < 1) {
            throw new IllegalArgumentException("a line must be awaited once at least, not " + onFirstStart + " and "
                    + onRestart + " times");
        }
        String description = "log line '" + text + "' x" + onFirstStart
                + (onRestart == onFirstStart ? "" : " (x" + onRestart + " on existing data)");
        Predicate<StatefulContainer> first = c -> occurrences(c.logs(), text) >= onFirstStart;
        return new Readiness(description, first, onRestart == onFirstStart ? first
                : c -> occurrences(c.logs(), text) >= onRestart, null);
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
        return new Readiness(description, check, onRestart, timeout);
    }

    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    /** Runs the first-start check once. Implementations call it until it holds. */
    public boolean isReady(StatefulContainer container) {
        return check.test(container);
    }

    /**
     * Runs the check once, the one for a first start or for a restart over existing data. Implementations call it
     * until it holds.
     */
    public boolean isReady(StatefulContainer container, boolean firstStart) {
        return (firstStart ? check : onRestart).test(container);
    }

    /** Whether the check differs between a first start and a restart, so that the implementation must tell them apart. */
    public boolean differsOnRestart() {
        return check != onRestart;
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
