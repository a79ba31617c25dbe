package dev.berth.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DurabilityReportTest {

    private static DurabilityReport withRecoveries(long... millis) {
        DurabilityReport report = new DurabilityReport("test", 1);
        for (int i = 0; i < millis.length; i++) {
            report.add(new DurabilityReport.Cycle(i + 1, 500, millis[i], millis[i], 10L * (i + 1), 0), List.of());
        }
        return report;
    }

    @Test
    void medianAndP90AreNearestRankPercentiles() {
        DurabilityReport report = withRecoveries(900, 100, 800, 200, 700, 300, 600, 400, 500, 1000);

        assertThat(report.medianRecoveryMillis()).isEqualTo(500);
        assertThat(report.p90RecoveryMillis()).isEqualTo(900);
        assertThat(report.recoveryPercentile(100)).isEqualTo(1000);
    }

    @Test
    void oneCycleIsItsOwnMedianAndP90() {
        DurabilityReport report = withRecoveries(640);

        assertThat(report.medianRecoveryMillis()).isEqualTo(640);
        assertThat(report.p90RecoveryMillis()).isEqualTo(640);
    }

    @Test
    void aWriteMissingAfterSeveralCyclesCountsOnce() {
        DurabilityReport report = new DurabilityReport("test", 1);

        report.add(new DurabilityReport.Cycle(1, 500, 600, 600, 100, 1), List.of(42L));
        String line = report.add(new DurabilityReport.Cycle(2, 500, 600, 600, 200, 2), List.of(42L, 150L));

        assertThat(report.lost()).containsExactlyInAnyOrder(42L, 150L);
        assertThat(report.acknowledged()).isEqualTo(200);
        assertThat(line).contains("cycle 2", "200 writes acknowledged so far", "2 missing");
        assertThat(report.summary()).contains("2 cycles", "200 writes acknowledged", "2 lost");
    }
}
