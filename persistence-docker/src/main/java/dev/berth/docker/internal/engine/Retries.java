package dev.berth.docker.internal.engine;

import dev.berth.EngineCallException;
import dev.failsafe.RetryPolicy;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Berth's {@link dev.berth.RetryPolicy} as Failsafe's: transient engine failures only, within its attempts and time. */
final class Retries {
    private static final Logger LOG = LoggerFactory.getLogger(Retries.class);

    private Retries() {
    }

    static RetryPolicy<Object> policy(dev.berth.RetryPolicy policy) {
        var builder = RetryPolicy.builder()
                .handleIf((result, failure) -> failure instanceof EngineCallException e && e.isTransient())
                .withMaxAttempts(policy.maxAttempts())
                .withMaxDuration(policy.maxDuration())
                .onRetry(e -> LOG.debug("Retrying after a transient engine failure (attempt {}): {}",
                        e.getAttemptCount() + 1, String.valueOf(e.getLastException())));
        if (policy.maxAttempts() > 1) {
            long initial = policy.initialBackoff().toMillis();
            long max = Math.max(initial + 1, policy.maxBackoff().toMillis());
            builder.withBackoff(initial, max, ChronoUnit.MILLIS);
            if (policy.jitterFactor() > 0) {
                builder.withJitter(policy.jitterFactor());
            }
        }
        return builder.build();
    }
}
