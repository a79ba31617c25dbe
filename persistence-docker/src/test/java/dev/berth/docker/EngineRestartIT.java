package dev.berth.docker;

import static dev.berth.docker.EngineFixture.BUSYBOX;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.Berth;
import dev.berth.PersistentVolume;
import dev.berth.StatefulContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Stopped is stopped: a writer Berth stopped is not brought back by its restart policy when the engine restarts,
 * beside the writer that took its volume. Its own class: the engine restart drops every connection of its fixture.
 */
class EngineRestartIT {
    @RegisterExtension
    static final EngineFixture engine = new EngineFixture();
    private final Berth berth = engine.berth();

    @Test
    void aWriterStoppedThroughBerthStaysStoppedThroughAnEngineRestart() throws Exception {
        String command = System.getProperty("berth.testkit.engineRestartCommand");
        assertThat(command).as("the build sets how to restart the engine").isNotBlank();
        PersistentVolume data = berth.volume(engine.name("always")).create();
        StatefulContainer a = berth.container(engine.name("always-a")).image(BUSYBOX).command(EngineFixture.SLEEP)
                .mount(data, "/data").restartPolicy(dev.berth.RestartPolicy.ALWAYS)
                .stopTimeout(java.time.Duration.ofSeconds(1)).start();
        a.stop();
        StatefulContainer b = berth.container(engine.name("always-b")).image(BUSYBOX).command(EngineFixture.SLEEP)
                .mount(data, "/data").restartPolicy(dev.berth.RestartPolicy.ALWAYS)
                .stopTimeout(java.time.Duration.ofSeconds(1)).start();

        Process restart = new ProcessBuilder("sh", "-c", command).inheritIO().start();
        assertThat(restart.waitFor()).as(command).isZero();

        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        while (b.state() != dev.berth.ContainerState.RUNNING && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(b.state()).as("the writer that holds the volume came back").isEqualTo(dev.berth.ContainerState.RUNNING);
        assertThat(a.state()).as("the one Berth stopped did not").isNotEqualTo(dev.berth.ContainerState.RUNNING);
        // The engine is the Swarm's manager: the tests after this one need its nodes ready again.
        while (!berth.cluster().nodes().stream().allMatch(dev.berth.Node::ready) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }
}
