package dev.berth.docker;

import static dev.berth.docker.EngineFixture.BUSYBOX;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.Berth;
import dev.berth.PersistentVolume;
import dev.berth.Placement;
import dev.berth.StatefulContainer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The measured failure of round 1: a secret's value showed in {@code docker service inspect}. On a Swarm worker a
 * secret now travels as a Swarm secret, read from {@code NAME_FILE}; a rotated one takes effect on the next start;
 * and removing the container removes its secrets.
 */
@Tag("swarm")
class SwarmSecretsIT {
    @RegisterExtension
    static final EngineFixture engine = new EngineFixture();
    private final Berth berth = engine.berth();

    @AfterAll
    static void clean() {
        engine.pruneRun();
    }

    private StatefulContainer start(String name, PersistentVolume data, String token) {
        return berth.container(name).image(BUSYBOX).command(EngineFixture.SLEEP).mount(data, "/data")
                .secretEnv("BERTH_TOKEN", token).placement(Placement.label("zone", "a"))
                .stopTimeout(Duration.ofSeconds(1)).start();
    }

    @Test
    void aSecretIsNeverInTheServiceSpecIsReadFromItsFileAndARotatedOneTakesEffect() throws Exception {
        String name = engine.name("secret");
        String token = "hunter2-" + engine.runId();
        PersistentVolume data = berth.volume(engine.name("secret-data"))
                .node(berth.cluster().withLabel("zone", "a").orElseThrow()).create();
        StatefulContainer c = start(name, data, token);

        String inspected = new ObjectMapper().writeValueAsString(engine.docker().listServicesCmd()
                .withNameFilter(List.of(name)).exec());
        assertThat(inspected).contains(name).doesNotContain(token);
        assertThat(c.exec("cat", "/run/secrets/BERTH_TOKEN").stdout()).isEqualTo(token);
        assertThat(c.exec("sh", "-c", "echo \"$BERTH_TOKEN_FILE|${BERTH_TOKEN:-unset}\"").stdout().strip())
                .isEqualTo("/run/secrets/BERTH_TOKEN|unset");

        String rotated = "rotated-" + engine.runId();
        StatefulContainer again = start(name, data, rotated);

        assertThat(again.exec("cat", "/run/secrets/BERTH_TOKEN").stdout()).isEqualTo(rotated);
        again.remove();
        assertThat(engine.docker().listSecretsCmd().withLabelFilter(Map.of("dev.berth.container", name)).exec())
                .as("removed with the container").isEmpty();
    }
}
