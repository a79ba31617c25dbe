package dev.berth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReadinessTest {

    @Test
    void countsNonOverlappingOccurrences() {
        String log = "ready to accept connections\nshutting down\nready to accept connections\n";
        assertThat(Readiness.occurrences(log, "ready to accept connections")).isEqualTo(2);
        assertThat(Readiness.occurrences("aaaa", "aa")).isEqualTo(2);
        assertThat(Readiness.occurrences("", "x")).isZero();
    }

    @Test
    void aTimeoutIsKeptAndShown() {
        Readiness r = Readiness.logLine("up", 2).withTimeout(Duration.ofSeconds(3));
        assertThat(r.timeout()).contains(Duration.ofSeconds(3));
        assertThat(r).hasToString("Readiness[log line 'up' x2, timeout=PT3S]");
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> Readiness.logLine("x", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(Readiness::command).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetryPolicy.builder().backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
