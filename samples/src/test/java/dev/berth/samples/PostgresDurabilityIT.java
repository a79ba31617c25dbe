package dev.berth.samples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresDurabilityIT {
    @RegisterExtension
    static final EngineFixture engine = new EngineFixture();

    @Test
    void keepsEveryCommittedWriteThroughKillsAtRandomMoments() throws Exception {
        DurabilityReport report = new DurabilityProof(engine.berth(), System.out)
                .run(engine.name("postgres"), new Postgres(), DurabilityProof.CYCLES);

        assertThat(report.cycles()).isEqualTo(DurabilityProof.CYCLES);
        assertThat(report.acknowledged()).isGreaterThan(DurabilityProof.CYCLES);
        assertThat(report.lost()).as("committed writes lost").isEmpty();
    }
}
