package dev.berth.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.DataProbe;
import dev.berth.Readiness;
import dev.berth.Recipe;
import dev.berth.StatefulContainer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisDurabilityIT {
    @RegisterExtension
    static final EngineFixture engine = new EngineFixture();
    private final DurabilityProof proof = new DurabilityProof(engine.berth(), System.out);

    @Test
    void keepsEveryAcknowledgedWriteThroughKillsAtRandomMoments() throws Exception {
        DurabilityReport report = proof.run(engine.name("redis"), new Redis(), DurabilityProof.CYCLES);

        assertThat(report.cycles()).isEqualTo(DurabilityProof.CYCLES);
        assertThat(report.acknowledged()).isGreaterThan(DurabilityProof.CYCLES);
        assertThat(report.lost()).as("acknowledged writes lost").isEmpty();
    }

    /** The control: the same proof on a Redis that keeps nothing on disk must find the writes gone. */
    @Test
    void theProofCatchesARedisThatPersistsNothing() throws Exception {
        DurabilityReport report = proof.run(engine.name("redis-volatile"), new Volatile(new Redis()), 1);

        // The first write was acknowledged long before the kill, so it must be among the lost.
        assertThat(report.lost()).contains(0L);
    }

    /** Redis with neither an append-only file nor snapshots. */
    private record Volatile(Redis redis) implements Recipe {
        @Override
        public String image() {
            return redis.image();
        }

        @Override
        public String dataPath() {
            return redis.dataPath();
        }

        @Override
        public List<String> command() {
            return List.of("redis-server", "--appendonly", "no", "--save", "");
        }

        @Override
        public List<Integer> ports() {
            return redis.ports();
        }

        @Override
        public Readiness readiness() {
            return redis.readiness();
        }

        @Override
        public DataProbe probe(StatefulContainer container) {
            return redis.probe(container);
        }
    }
}
