package dev.berth.docker;

import static dev.berth.docker.EngineFixture.BUSYBOX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import dev.berth.AccessMode;
import dev.berth.Berth;
import dev.berth.ExclusiveAccessException;
import dev.berth.PersistentVolume;
import dev.berth.StatefulContainer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ExclusiveAccessIT {
    @RegisterExtension
    static final EngineFixture engine = new EngineFixture();
    private final Berth berth = engine.berth();

    private StatefulContainer writer(String name, PersistentVolume data) {
        return berth.container(engine.name(name)).image(BUSYBOX).command(EngineFixture.SLEEP).mount(data, "/data").start();
    }

    private long runningOn(PersistentVolume data) {
        return engine.docker().listContainersCmd().withVolumeFilter(List.of(data.name())).exec().size();
    }

    @Test
    void aSecondWriterIsRefusedNamingTheHolder() {
        PersistentVolume data = berth.volume(engine.name("pgdata")).create();
        StatefulContainer first = writer("pg-1", data);

        assertThatThrownBy(() -> writer("pg-2", data)).isInstanceOfSatisfying(ExclusiveAccessException.class, e -> {
            assertThat(e.volumeName()).isEqualTo(data.name());
            assertThat(e.holder()).isEqualTo(first.name());
            assertThat(e.refused()).isEqualTo(engine.name("pg-2"));
        });
        // The refused container was never created for good: nothing of it is left behind.
        assertThat(engine.docker().listContainersCmd().withShowAll(true)
                .withNameFilter(List.of(engine.name("pg-2"))).exec()).isEmpty();

        first.stop();
        StatefulContainer second = writer("pg-2", data);
        assertThat(second.exec("true").exitCode()).isZero();
    }

    @Test
    void readersMayJoinASingleWriter() {
        PersistentVolume data = berth.volume(engine.name("shared-read")).create();
        writer("w", data);

        StatefulContainer reader = berth.container(engine.name("r")).image(BUSYBOX).command(EngineFixture.SLEEP)
                .mountReadOnly(data, "/data").start();

        assertThat(reader.exec("sh", "-c", "touch /data/x").exitCode()).isNotZero();
    }

    @Test
    void multiWriterVolumesTakeManyWriters() {
        PersistentVolume data = berth.volume(engine.name("multi")).accessMode(AccessMode.MULTI_WRITER).create();
        writer("m1", data);
        writer("m2", data);

        assertThat(runningOn(data)).isEqualTo(2);
    }

    @Test
    void readOnlyManyVolumesCannotBeMountedForWriting() {
        PersistentVolume data = berth.volume(engine.name("rox")).accessMode(AccessMode.READ_ONLY_MANY).create();

        assertThatThrownBy(() -> berth.container(engine.name("rox-w")).image(BUSYBOX).mount(data, "/data"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mountReadOnly");
    }

    @Test
    void aWriterStartedOutsideBerthIsHonoured() {
        PersistentVolume data = berth.volume(engine.name("outside")).create();
        String outside = engine.name("docker-run");
        String id = engine.docker().createContainerCmd(BUSYBOX).withName(outside).withCmd("sleep", "600")
                .withLabels(Map.of(EngineFixture.RUN_LABEL, engine.runId()))
                .withHostConfig(HostConfig.newHostConfig().withBinds(new Bind(data.name(), new Volume("/data"))))
                .exec().getId();
        engine.docker().startContainerCmd(id).exec();

        assertThatThrownBy(() -> writer("inside", data)).isInstanceOfSatisfying(ExclusiveAccessException.class,
                e -> assertThat(e.holder()).isEqualTo(outside));
    }

    @Test
    void ofSixThreadsRacingToWriteExactlyOneWins() throws Exception {
        PersistentVolume data = berth.volume(engine.name("race")).create();
        int racers = 6;
        CyclicBarrier barrier = new CyclicBarrier(racers);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        List<Callable<StatefulContainer>> starts = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            String name = "racer-" + i;
            starts.add(() -> {
                barrier.await();
                return writer(name, data);
            });
        }
        int won = 0;
        int refused = 0;
        try {
            for (Future<StatefulContainer> f : pool.invokeAll(starts)) {
                try {
                    f.get();
                    won++;
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(ExclusiveAccessException.class);
                    refused++;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(won).isEqualTo(1);
        assertThat(refused).isEqualTo(racers - 1);
        assertThat(runningOn(data)).isEqualTo(1);
    }

    @Test
    void ofTwoProcessesRacingToWriteExactlyOneWins() throws Exception {
        PersistentVolume data = berth.volume(engine.name("jvm-race")).create();
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            processes.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), WriterProcess.class.getName(),
                    EngineFixture.DOCKER_HOST, data.name(), engine.name("jvm-" + i),
                    EngineFixture.RUN_LABEL + "=" + engine.runId(), String.valueOf(System.currentTimeMillis() + 1500))
                    .redirectErrorStream(true).start());
        }
        List<String> outcomes = new ArrayList<>();
        for (Process p : processes) {
            assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            outcomes.add(out.lines().filter(l -> l.startsWith("OUTCOME ")).findFirst().orElse(out));
        }
        assertThat(outcomes).containsExactlyInAnyOrder("OUTCOME started", "OUTCOME refused");
        assertThat(runningOn(data)).isEqualTo(1);
    }

}
