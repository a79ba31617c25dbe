package dev.berth.docker;

import static dev.berth.docker.EngineFixture.BUSYBOX;
import static dev.berth.docker.EngineFixture.SLEEP;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.Berth;
import dev.berth.ContainerState;
import dev.berth.Node;
import dev.berth.PersistentVolume;
import dev.berth.PruneOptions;
import dev.berth.StatefulContainer;
import dev.berth.VolumeConflictException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A JVM killed (SIGKILL) at each step of a move between two Swarm workers: the next start recognises what it left, and
 * runs the container once, on the one live copy, with every byte. Needs the Swarm of scripts/cluster.sh.
 */
@Tag("swarm")
class InterruptedMoveIT {
    @RegisterExtension
    static final EngineFixture engine = new EngineFixture();
    private final Berth berth = engine.berth();

    @AfterAll
    static void clean() {
        engine.berth().prune(PruneOptions.builder().label(EngineFixture.RUN_LABEL, engine.runId()).includeRunning(true)
                .includeVolumes(true).retiredOlderThan(Duration.ZERO).build());
    }

    @ParameterizedTest(name = "killed after: {0}")
    @ValueSource(strings = {"recorded as leaving", "stopped", "recorded as incomplete", "copying",
            "copied and verified", "committed", "started on the target", "retiring the source copy",
            "Retired the source copy"})
    void aJvmKilledMidMoveLeavesAStateTheNextStartRecognises(String step) throws Exception {
        Node zoneA = berth.cluster().withLabel("zone", "a").orElseThrow();
        String name = engine.name("cut-" + step.replace(' ', '-').toLowerCase(java.util.Locale.ROOT));
        PersistentVolume data = berth.volume(name).node(zoneA).create();
        StatefulContainer writer = berth.container(name).image(BUSYBOX).command(SLEEP).mount(data, "/data").start();
        assertThat(writer.exec("sh", "-c", "echo kept > /data/note && dd if=/dev/urandom of=/data/blob bs=1M count=24 "
                + "2>/dev/null && sync").exitCode()).isZero();
        String sum = writer.exec("md5sum", "/data/blob").stdout();

        List<String> log = killAt(step, name);

        StatefulContainer again = nextStart(name);
        assertThat(again.state()).as("after a kill at '%s'; the mover logged:%n%s", step, String.join("\n", log))
                .isEqualTo(ContainerState.RUNNING);
        assertThat(again.exec("cat", "/data/note").stdout()).isEqualTo("kept\n");
        assertThat(again.exec("md5sum", "/data/blob").stdout()).isEqualTo(sum);
        long copies = berth.cluster().nodes().stream().filter(n -> !n.id().equals(again.node().id()))
                .filter(n -> volumeOn(n, name)).count();
        assertThat(copies).as("copies of %s besides the live one", name).isZero();
        assertThat(again.exec("sh", "-c", "echo after > /data/after && sync").exitCode()).isZero();
        again.remove();
    }

    /** Runs the mover in a child JVM and kills it as soon as it logs the step; returns what it logged. */
    private static List<String> killAt(String step, String name) throws Exception {
        Process mover = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.slf4j.simpleLogger.log.dev.berth.docker.internal.volume.MoveJournal=debug",
                "-cp", System.getProperty("java.class.path"), MoverProcess.class.getName(), EngineFixture.DOCKER_HOST,
                EngineFixture.RUN_LABEL + "=" + engine.runId(), name, name).redirectErrorStream(true).start();
        List<String> log = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(mover.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                log.add(line);
                if (line.contains(step)) {
                    mover.destroyForcibly();
                    break;
                }
            }
        }
        assertThat(mover.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(log).as("the mover reached '%s'", step).anyMatch(l -> l.contains(step));
        return log;
    }

    /** The user's program run again: its volume where it made it, or where Berth says a move took it. */
    private StatefulContainer nextStart(String name) {
        PersistentVolume data;
        try {
            data = berth.volume(name).node(berth.cluster().withLabel("zone", "a").orElseThrow()).create();
        } catch (VolumeConflictException e) {
            data = berth.volume(name).node(berth.cluster().withLabel("zone", "b").orElseThrow()).create();
        }
        return berth.container(name).image(BUSYBOX).command(SLEEP).mount(data, "/data").start();
    }

    private boolean volumeOn(Node node, String volume) {
        try (var docker = EngineFixture.client(node.engineEndpoint().orElse(EngineFixture.DOCKER_HOST))) {
            return docker.listVolumesCmd().exec().getVolumes().stream().anyMatch(v -> v.getName().equals(volume));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
