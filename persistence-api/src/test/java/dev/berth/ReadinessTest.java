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
        assertThat(r).hasToString("Readiness[log line 'up' x2 (x1 on existing data), timeout=PT3S]");
        assertThat(r.differsOnRestart()).as("the timeout keeps both checks").isTrue();
    }

    @Test
    void aLogLineCountedTwiceOnAFirstStartIsCountedOnceOnARestart() {
        StatefulContainer once = (StatefulContainer) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {StatefulContainer.class}, (proxy, method, args) ->
                        method.getName().equals("logs") ? "LOG: database system is ready to accept connections\n"
                                : null);
        Readiness postgres = Readiness.logLine("ready to accept connections", 2);

        assertThat(postgres.isReady(once, true)).as("a first start waits for the real server after the temporary one")
                .isFalse();
        assertThat(postgres.isReady(once, false)).as("a restart on existing data prints it once").isTrue();
        assertThat(Readiness.logLine("ready", 2, 2).isReady(once, false)).isFalse();
        assertThat(Readiness.logLine("ready").differsOnRestart()).as("nothing to tell apart, nothing to look at")
                .isFalse();
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> Readiness.logLine("x", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Readiness.logLine("x", 2, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(Readiness::command).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetryPolicy.builder().backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
