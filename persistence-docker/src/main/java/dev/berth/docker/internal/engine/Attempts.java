package dev.berth.docker.internal.engine;

import dev.berth.EngineCallException.Reason;
import dev.berth.EngineCallException;
import dev.failsafe.CircuitBreaker;
import dev.failsafe.CircuitBreakerOpenException;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * How one engine's calls are attempted: retried under the retry policy, settled by reading state, or tried once; all
 * of them through one circuit breaker, which opens when a call times out and stays open for {@code cutOff}.
 */
final class Attempts {
    private final String endpoint;
    private final Duration cutOff;
    private final FailsafeExecutor<Object> retrying;
    private final FailsafeExecutor<Object> once;

    Attempts(String endpoint, dev.berth.RetryPolicy policy, Duration cutOff) {
        this.endpoint = endpoint;
        this.cutOff = cutOff;
        CircuitBreaker<Object> breaker = CircuitBreaker.builder()
                .handleIf(failure -> failure instanceof EngineCallException e && e.reason() == Reason.TIMED_OUT)
                .withFailureThreshold(1).withDelay(cutOff).build();
        this.retrying = Failsafe.with(Retries.policy(policy), breaker);
        this.once = Failsafe.with(breaker);
    }

    /** Retried on transient failures. */
    <T> T idempotent(Supplier<T> call) {
        return execute(retrying, call);
    }

    /** Tried once. */
    <T> T once(Supplier<T> call) {
        return execute(once, call);
    }

    /**
     * A call that may act twice if repeated: after a transient failure, {@code settle} reads the engine's state; the
     * call is repeated only when it shows that the call did not act.
     */
    <T> T settled(Supplier<T> call, Supplier<Settlement<T>> settle) {
        return execute(retrying, () -> {
            try {
                return call.get();
            } catch (EngineCallException e) {
                if (!e.isTransient()) {
                    throw e;
                }
                Settlement<T> settlement;
                try {
                    settlement = idempotent(settle);
                } catch (RuntimeException unread) {
                    e.addSuppressed(unread);
                    throw Settlement.unknown(e);
                }
                return settlement.resolve(e);
            }
        });
    }

    private <T> T execute(FailsafeExecutor<Object> executor, Supplier<T> call) {
        try {
            return executor.get(call::get);
        } catch (CircuitBreakerOpenException e) {
            throw EngineFailures.timedOut("be called", endpoint, "it timed out less than " + cutOff.toSeconds()
                    + " s ago, so Berth does not wait for it again yet");
        }
    }
}
