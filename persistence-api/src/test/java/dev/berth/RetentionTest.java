package dev.berth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetentionTest {
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    /** Ranks kept among snapshots taken one per day, newest first. */
    private static List<Integer> kept(Retention rule, int snapshots) {
        return IntStream.range(0, snapshots)
                .filter(rank -> rule.keeps(rank, NOW.minus(Duration.ofDays(rank)).minusSeconds(1), NOW))
                .boxed().toList();
    }

    @Test
    void keepLastKeepsTheNewest() {
        assertThat(kept(Retention.keepLast(3), 10)).containsExactly(0, 1, 2);
    }

    @Test
    void newerThanKeepsByAge() {
        assertThat(kept(Retention.newerThan(Duration.ofDays(2)), 10)).containsExactly(0, 1);
    }

    @Test
    void combinedRulesKeepWhatEitherKeeps() {
        Retention rule = Retention.keepLast(2).and(Retention.newerThan(Duration.ofDays(5)));

        assertThat(kept(rule, 10)).containsExactly(0, 1, 2, 3, 4);
        assertThat(kept(Retention.newerThan(Duration.ofDays(1)).and(Retention.keepLast(4)), 10))
                .containsExactly(0, 1, 2, 3);
        assertThat(Retention.keepLast(2).and(Retention.keepLast(5))).isEqualTo(Retention.keepLast(5));
    }

    @Test
    void aRuleThatKeepsNothingIsRefused() {
        assertThatThrownBy(() -> Retention.keepLast(0)).hasMessageContaining("Snapshot.delete()");
        assertThatThrownBy(() -> Retention.newerThan(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void describesItself() {
        assertThat(Retention.keepLast(7).and(Retention.newerThan(Duration.ofDays(30))))
                .hasToString("Retention[keepLast=7, newerThan=PT720H]");
    }
}
