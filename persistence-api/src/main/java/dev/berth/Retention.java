package dev.berth;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Which of a volume's snapshots {@link Snapshots#retain(String, Retention)} keeps. Rules combine with
 * {@link #and(Retention)}: a snapshot is kept when any rule keeps it, and deleted only when none does (as
 * {@code restic forget --keep-last 7 --keep-within 30d} does). Immutable and thread-safe.
 *
 * <pre>{@code
 * Retention rule = Retention.keepLast(7).and(Retention.newerThan(Duration.ofDays(30)));
 * }</pre>
 */
public final class Retention {
    private final int last;
    private final @Nullable Duration newerThan;

    private Retention(int last, @Nullable Duration newerThan) {
        this.last = last;
        this.newerThan = newerThan;
    }

    /**
     * Keeps the {@code n} newest snapshots.
     *
     * @throws IllegalArgumentException when {@code n < 1}: to delete every snapshot, delete them
     */
    public static Retention keepLast(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("keepLast(" + n + ") would keep nothing: keep at least 1, "
                    + "or delete the snapshots with Snapshot.delete()");
        }
        return new Retention(n, null);
    }

    /** Keeps the snapshots taken within {@code age} of now. */
    public static Retention newerThan(Duration age) {
        Objects.requireNonNull(age, "age");
        if (age.isNegative() || age.isZero()) {
            throw new IllegalArgumentException("newerThan(" + age + ") must be positive");
        }
        return new Retention(0, age);
    }

    /** Keeps what this rule keeps and what {@code other} keeps. */
    public Retention and(Retention other) {
        Objects.requireNonNull(other, "other");
        Duration age = newerThan == null ? other.newerThan
                : other.newerThan == null ? newerThan : max(newerThan, other.newerThan);
        return new Retention(Math.max(last, other.last), age);
    }

    /**
     * Whether a snapshot is kept.
     *
     * @param rank its position among the volume's snapshots, newest first (0 for the newest)
     * @param createdAt when it was taken
     * @param now the time the rule is applied at
     */
    public boolean keeps(int rank, Instant createdAt, Instant now) {
        return rank < last || newerThan != null && createdAt.isAfter(now.minus(newerThan));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Retention r && r.last == last && Objects.equals(r.newerThan, newerThan);
    }

    @Override
    public int hashCode() {
        return Objects.hash(last, newerThan);
    }

    @Override
    public String toString() {
        return "Retention[" + (last > 0 ? "keepLast=" + last : "") + (last > 0 && newerThan != null ? ", " : "")
                + (newerThan != null ? "newerThan=" + newerThan : "") + "]";
    }
}
