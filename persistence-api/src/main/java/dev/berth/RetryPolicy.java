package dev.berth;

import java.time.Duration;
import java.util.Objects;

/**
 * How Berth retries transient engine failures (connection resets, 503s, "device or resource busy", removal in
 * progress). Input errors (4xx) are never retried. Immutable and thread-safe; build with {@link #builder()}.
 *
 * <pre>{@code
 * RetryPolicy policy = RetryPolicy.builder().maxAttempts(5).backoff(Duration.ofMillis(100), Duration.ofSeconds(2)).build();
 * }</pre>
 */
public final class RetryPolicy {
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final double jitterFactor;
    private final Duration maxDuration;

    private RetryPolicy(Builder b) {
        this.maxAttempts = b.maxAttempts;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.jitterFactor = b.jitterFactor;
        this.maxDuration = b.maxDuration;
    }

    /** Five attempts, backoff from 100 ms doubling to 2 s with 25% jitter, at most 30 s in all. */
    public static RetryPolicy ofDefaults() {
        return builder().build();
    }

    /** No retries at all. */
    public static RetryPolicy none() {
        return builder().maxAttempts(1).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Attempts in all, the first included. */
    public int maxAttempts() {
        return maxAttempts;
    }

    public Duration initialBackoff() {
        return initialBackoff;
    }

    public Duration maxBackoff() {
        return maxBackoff;
    }

    /** The share of each backoff that is randomised, between 0 and 1. */
    public double jitterFactor() {
        return jitterFactor;
    }

    /** The bound on the time of all attempts together. */
    public Duration maxDuration() {
        return maxDuration;
    }

    @Override
    public String toString() {
        return "RetryPolicy[maxAttempts=" + maxAttempts + ", backoff=" + initialBackoff + ".." + maxBackoff
                + ", jitter=" + jitterFactor + ", maxDuration=" + maxDuration + "]";
    }

    /** Builds a {@link RetryPolicy}. Not thread-safe. */
    public static final class Builder {
        private int maxAttempts = 5;
        private Duration initialBackoff = Duration.ofMillis(100);
        private Duration maxBackoff = Duration.ofSeconds(2);
        private double jitterFactor = 0.25;
        private Duration maxDuration = Duration.ofSeconds(30);

        private Builder() {
        }

        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** Exponential backoff from {@code initial}, doubling up to {@code max}. */
        public Builder backoff(Duration initial, Duration max) {
            Objects.requireNonNull(initial, "initial");
            Objects.requireNonNull(max, "max");
            if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("backoff needs 0 < initial <= max, was " + initial + ".." + max);
            }
            this.initialBackoff = initial;
            this.maxBackoff = max;
            return this;
        }

        public Builder jitterFactor(double jitterFactor) {
            if (jitterFactor < 0 || jitterFactor > 1) {
                throw new IllegalArgumentException("jitterFactor must be within 0..1, was " + jitterFactor);
            }
            this.jitterFactor = jitterFactor;
            return this;
        }

        public Builder maxDuration(Duration maxDuration) {
            if (maxDuration.isNegative() || maxDuration.isZero()) {
                throw new IllegalArgumentException("maxDuration must be positive, was " + maxDuration);
            }
            this.maxDuration = maxDuration;
            return this;
        }

        public RetryPolicy build() {
            return new RetryPolicy(this);
        }
    }
}
