package dev.berth.docker.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.BerthSettings;
import dev.berth.EngineCallException;
import dev.berth.docker.EngineFixture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Swarm config calls the writer lock of GLOBAL volumes stands on, against the real manager: a name is held by one
 * config only, a listing by label finds it with its creation time by the manager's clock, and a removal is done once.
 * Needs the Swarm of scripts/cluster.sh.
 */
@Tag("swarm")
class SwarmConfigsIT {
    @Test
    void aConfigNameIsHeldByOneConfigAndIsFoundByLabelWithTheManagersTime() {
        Engine manager = EngineConnector.connect(BerthSettings.builder().dockerHost(EngineFixture.DOCKER_HOST).build());
        String run = UUID.randomUUID().toString();
        String name = "berth-it-lock." + run;
        Map<String, String> labels = Map.of("dev.berth.it-run", run, "dev.berth.lock", "v");
        Instant before = manager.info().systemTime();

        String id = manager.createConfig(name, "holder-a".getBytes(StandardCharsets.UTF_8), labels);
        try {
            assertThatThrownBy(() -> manager.createConfig(name, "holder-b".getBytes(StandardCharsets.UTF_8), labels))
                    .isInstanceOfSatisfying(EngineCallException.class,
                            e -> assertThat(e.reason()).isEqualTo(EngineCallException.Reason.CONFLICT));
            ConfigInfo found = manager.configs(Map.of("dev.berth.it-run", run)).stream().filter(c -> c.name()
                    .equals(name)).findFirst().orElseThrow();
            assertThat(found.id()).isEqualTo(id);
            assertThat(found.labels()).containsAllEntriesOf(labels);
            assertThat(found.created()).isBetween(before.minus(Duration.ofSeconds(2)),
                    manager.info().systemTime().plus(Duration.ofSeconds(2)));
            assertThat(manager.configs(Map.of("dev.berth.it-run", "another-run"))).isEmpty();
        } finally {
            manager.removeConfig(id);
        }
        assertThat(manager.configs(Map.of("dev.berth.it-run", run))).isEmpty();
        manager.removeConfig(id); // gone is done
    }
}
