package dev.berth.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.InternalServerErrorException;
import dev.berth.RetryPolicy;
import dev.failsafe.Failsafe;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Berth's RetryPolicy, translated to Failsafe, retries transient failures only. */
class RetryTest {
    private final RetryPolicy fast = RetryPolicy.builder().maxAttempts(4)
            .backoff(Duration.ofMillis(1), Duration.ofMillis(5)).build();

    @Test
    void transientFailuresAreRetriedUntilTheyPass() {
        AtomicInteger calls = new AtomicInteger();
        String result = Failsafe.with(Engine.failsafePolicy(fast)).get(() -> {
            if (calls.incrementAndGet() < 3) {
                throw new InternalServerErrorException("device or resource busy");
            }
            return "done";
        });
        assertThat(result).isEqualTo("done");
        assertThat(calls).hasValue(3);
    }

    @Test
    void retriesStopAtMaxAttempts() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> Failsafe.with(Engine.failsafePolicy(fast)).run(() -> {
            calls.incrementAndGet();
            throw new RuntimeException(new ConnectException("Connection refused"));
        })).hasRootCauseInstanceOf(ConnectException.class);
        assertThat(calls).hasValue(4);
    }

    @Test
    void inputErrorsAreNeverRetried() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> Failsafe.with(Engine.failsafePolicy(fast)).run(() -> {
            calls.incrementAndGet();
            throw new BadRequestException("invalid mount config");
        })).isInstanceOf(BadRequestException.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void theTotalTimeIsBounded() {
        RetryPolicy bounded = RetryPolicy.builder().maxAttempts(1000)
                .backoff(Duration.ofMillis(20), Duration.ofMillis(20)).maxDuration(Duration.ofMillis(200)).build();
        AtomicInteger calls = new AtomicInteger();
        long start = System.nanoTime();
        assertThatThrownBy(() -> Failsafe.with(Engine.failsafePolicy(bounded)).run(() -> {
            calls.incrementAndGet();
            throw new InternalServerErrorException("context deadline exceeded");
        })).isInstanceOf(InternalServerErrorException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(calls.get()).isBetween(2, 20);
    }
}
