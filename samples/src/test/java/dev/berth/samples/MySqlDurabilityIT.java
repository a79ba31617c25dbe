package dev.berth.samples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The MySQL recipe on MariaDB, the MySQL-compatible server this machine has: only the image differs. */
class MySqlDurabilityIT {
    static final String IMAGE = System.getProperty("berth.it.mysqlImage", "mariadb:10.11");

    @RegisterExtension
    static final EngineFixture engine = new EngineFixture();

    @Test
    void keepsEveryCommittedWriteThroughKillsAtRandomMoments() throws Exception {
        DurabilityReport report = new DurabilityProof(engine.berth(), System.out)
                .run(engine.name("mysql"), new MySql().withImage(IMAGE), DurabilityProof.CYCLES);

        assertThat(report.cycles()).isEqualTo(DurabilityProof.CYCLES);
        assertThat(report.acknowledged()).isGreaterThan(DurabilityProof.CYCLES);
        assertThat(report.lost()).as("committed writes lost").isEmpty();
    }
}
