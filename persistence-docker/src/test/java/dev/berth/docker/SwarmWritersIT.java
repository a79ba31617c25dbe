package dev.berth.docker;

import static dev.berth.docker.EngineFixture.BUSYBOX;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.Berth;
import dev.berth.ContainerState;
import dev.berth.ExclusiveAccessException;
import dev.berth.Node;
import dev.berth.PersistentVolume;
import dev.berth.Placement;
import dev.berth.PruneOptions;
import dev.berth.StatefulContainer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The measured failure of round 1: two threads started containers on one SINGLE_WRITER volume on a Swarm worker at
 * the same moment, and both ran. Now, for 8 rounds each, threads race a Swarm-run start and a plain-or-Swarm start
 * onto one volume on worker zone=a: exactly one starts, the others are refused naming it, and exactly one container
 * runs. (The fake engine's WriterLockPropertyTest runs the lock through thousands of interleavings.)
 */
@Tag("swarm")
class SwarmWritersIT {
    private static final int ROUNDS = 8;
    @RegisterExtension
    static final EngineFixture engine = new EngineFixture();
    private final Berth berth = engine.berth();

    @AfterAll
    static void clean() {
        engine.pruneRun();
    }

    @Test
    void ofThreadsRacingOntoOneVolumeOnAWorkerExactlyOneRunsEveryRound() throws Exception {
        Node worker = berth.cluster().withLabel("zone", "a").orElseThrow();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                PersistentVolume data = berth.volume(engine.name("race-" + round)).node(worker).create();
                CyclicBarrier start = new CyclicBarrier(3);
                List<Callable<StatefulContainer>> contenders = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    String name = engine.name("race-" + round + "-" + i);
                    contenders.add(() -> {
                        start.await();
                        return berth.container(name).image(BUSYBOX).command(EngineFixture.SLEEP).mount(data, "/data")
                                .placement(Placement.label("zone", "a")).stopTimeout(Duration.ofSeconds(1)).start();
                    });
                }
                List<StatefulContainer> won = new ArrayList<>();
                int refused = 0;
                for (Future<StatefulContainer> f : pool.invokeAll(contenders)) {
                    try {
                        won.add(f.get());
                    } catch (java.util.concurrent.ExecutionException e) {
                        assertThat(e.getCause()).as("round %d", round).isInstanceOf(ExclusiveAccessException.class);
                        refused++;
                    }
                }
                assertThat(won).as("round %d: winners", round).hasSize(1);
                assertThat(refused).isEqualTo(2);
                assertThat(won.get(0).state()).isEqualTo(ContainerState.RUNNING);
                won.get(0).remove();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void ofTwoJvmsRacingSwarmStartsOntoOneVolumeExactlyOneWinsEveryRound() throws Exception {
        Node worker = berth.cluster().withLabel("zone", "a").orElseThrow();
        for (int round = 0; round < ROUNDS; round++) {
            PersistentVolume data = berth.volume(engine.name("jvm-race-" + round)).node(worker).create();
            List<Process> processes = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                processes.add(new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-cp", System.getProperty("java.class.path"), WriterProcess.class.getName(),
                        EngineFixture.DOCKER_HOST, data.name(), engine.name("jvm-race-" + round + "-" + i),
                        EngineFixture.RUN_LABEL + "=" + engine.runId(), String.valueOf(System.currentTimeMillis() + 1500),
                        "zone=a").redirectErrorStream(true).start());
            }
            List<String> outcomes = new ArrayList<>();
            for (Process p : processes) {
                assertThat(p.waitFor(90, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                outcomes.add(out.lines().filter(l -> l.startsWith("OUTCOME ")).findFirst().orElse(out));
            }
            assertThat(outcomes).as("round %d", round).containsExactlyInAnyOrder("OUTCOME started", "OUTCOME refused");
            berth.prune(PruneOptions.builder().label(EngineFixture.RUN_LABEL, engine.runId()).includeRunning(true)
                    .build());
        }
    }
}
