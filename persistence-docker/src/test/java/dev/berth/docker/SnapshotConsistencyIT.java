package dev.berth.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import dev.berth.Berth;
import dev.berth.Consistency;
import dev.berth.ContainerState;
import dev.berth.DataProbe;
import dev.berth.PersistentVolume;
import dev.berth.Recipe;
import dev.berth.Snapshot;
import dev.berth.StatefulContainer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Which consistency a snapshot gets, and what happens to the volume's writers while it is taken. */
class SnapshotConsistencyIT {
    @RegisterExtension
    static final EngineFixture engine = new EngineFixture();
    @RegisterExtension
    static final SnapshotFixture snapshots = new SnapshotFixture(engine);
    private final Berth berth = snapshots.berth();

    /** A busybox writer whose quiesce hook leaves a marker on the volume. */
    public static final class MarkingRecipe implements Recipe {
        @Override
        public String image() {
            return EngineFixture.BUSYBOX;
        }

        @Override
        public String dataPath() {
            return "/data";
        }

        @Override
        public List<String> command() {
            return List.of(EngineFixture.SLEEP);
        }

        @Override
        public void quiesce(StatefulContainer container) {
            container.exec("sh", "-c", "echo quiesced > /data/quiesced && sync");
        }

        @Override
        public DataProbe probe(StatefulContainer container) {
            throw new UnsupportedOperationException("not needed here");
        }
    }

    /** A volume with 40 MiB, so that progress is reported while it is read. */
    private PersistentVolume volume(String name) {
        PersistentVolume volume = berth.volume(engine.name(name)).create();
        VolumeShell.run(engine, volume.name(), "dd if=/dev/zero of=/data/zeros bs=1M count=40 2>/dev/null");
        return volume;
    }

    /**
     * What the engine reports, in its order, while the snapshot is taken: the writer's own events and each read of a
     * volume's data ({@code archive-path}, logged as the engine starts sending it).
     */
    private List<String> eventsWhileTaking(String container, Runnable snapshot) throws InterruptedException {
        Instant since = Instant.now().minusMillis(5);
        snapshot.run();
        Instant until = Instant.now().plusMillis(5);
        List<String> seen = new CopyOnWriteArrayList<>();
        engine.docker().eventsCmd().withEventTypeFilter(EventType.CONTAINER).withSince(unixTime(since))
                .withUntil(unixTime(until)).exec(new ResultCallback.Adapter<Event>() {
                    @Override
                    public void onNext(Event event) {
                        String action = event.getAction();
                        String name = event.getActor() == null ? null : event.getActor().getAttributes().get("name");
                        if (container.equals(name) || "archive-path".equals(action)) {
                            seen.add(action);
                        }
                    }
                }).awaitCompletion(30, TimeUnit.SECONDS);
        return seen;
    }

    private static String unixTime(Instant instant) {
        return String.format("%d.%09d", instant.getEpochSecond(), instant.getNano());
    }

    @Test
    void aWriterWithoutARecipeIsPausedWhileTheDataIsRead() throws InterruptedException {
        PersistentVolume data = volume("crash");
        StatefulContainer writer = berth.container(engine.name("crash-w")).image(EngineFixture.BUSYBOX)
                .command(EngineFixture.SLEEP).mount(data, "/data").start();
        Snapshot[] taken = new Snapshot[1];

        List<String> events = eventsWhileTaking(writer.name(),
                () -> throughTheEngine(() -> taken[0] = data.snapshot("crash")));

        assertThat(events).containsSubsequence("pause", "archive-path", "unpause").doesNotContain("die");
        assertThat(taken[0].consistency()).isEqualTo(Consistency.CRASH_CONSISTENT);
        assertThat(taken[0].downtime()).isPositive();
        assertThat(writer.state()).isEqualTo(ContainerState.RUNNING);
    }

    @Test
    void aRecipesQuiesceHookRunsBeforeTheWriterIsPaused() {
        PersistentVolume data = volume("app");
        MarkingRecipe recipe = new MarkingRecipe();
        StatefulContainer writer = berth.container(engine.name("app-w")).recipe(recipe).mount(data, "/data").start();

        Snapshot snapshot = data.snapshot("app");

        assertThat(snapshot.consistency()).isEqualTo(Consistency.APPLICATION_CONSISTENT);
        PersistentVolume copy = snapshot.restore(engine.name("app-copy"));
        assertThat(VolumeShell.run(engine, copy.name(), "cat /data/quiesced")).isEqualTo("quiesced\n");
        assertThat(writer.state()).isEqualTo(ContainerState.RUNNING);
    }

    @Test
    void aWriterStartedOutsideBerthFallsBackToCrashConsistency() {
        PersistentVolume data = volume("outside");
        String id = engine.docker().createContainerCmd(EngineFixture.BUSYBOX).withName(engine.name("outside-w"))
                .withCmd(EngineFixture.SLEEP).withLabels(Map.of(EngineFixture.RUN_LABEL, engine.runId()))
                .withHostConfig(HostConfig.newHostConfig().withBinds(new Bind(data.name(), new Volume("/data"))))
                .exec().getId();
        engine.docker().startContainerCmd(id).exec();

        Snapshot snapshot = data.snapshot("outside", Consistency.APPLICATION_CONSISTENT);

        assertThat(snapshot.consistency()).isEqualTo(Consistency.CRASH_CONSISTENT);
        assertThat(engine.docker().inspectContainerCmd(id).exec().getState().getRunning()).isTrue();
    }

    @Test
    void stoppedStopsTheWriterAndStartsItAgain() throws InterruptedException {
        PersistentVolume data = volume("stopped");
        StatefulContainer writer = berth.container(engine.name("stopped-w")).image(EngineFixture.BUSYBOX)
                .command(EngineFixture.SLEEP).mount(data, "/data").start();
        Snapshot[] taken = new Snapshot[1];

        List<String> events = eventsWhileTaking(writer.name(),
                () -> throughTheEngine(() -> taken[0] = data.snapshot("s", Consistency.STOPPED)));

        assertThat(events).containsSubsequence("die", "archive-path", "start").doesNotContain("pause");
        assertThat(taken[0].consistency()).isEqualTo(Consistency.STOPPED);
        assertThat(taken[0].downtime()).isPositive();
        assertThat(writer.state()).isEqualTo(ContainerState.RUNNING);
    }

    @Test
    void readFromItsDirectoryOnThisHostOrThroughTheEngineTheVolumeIsReadWhileItsWriterIsPaused() throws InterruptedException {
        PersistentVolume data = berth.volume(engine.name("host")).create();
        // two files replaced one after the other, as fast as the shell can: read apart, b would be far ahead of a
        StatefulContainer writer = berth.container(engine.name("host-w")).image(EngineFixture.BUSYBOX)
                .command("sh", "-c", "i=0; while :; do echo $i > /data/t; mv /data/t /data/a; echo $i > /data/t;"
                        + " mv /data/t /data/b; i=$((i+1)); done")
                .mount(data, "/data").start();
        Thread.sleep(300);
        Snapshot[] taken = new Snapshot[1];

        List<String> events = eventsWhileTaking(writer.name(), () -> taken[0] = data.snapshot("host"));

        if (engineOnThisHost()) {
            assertThat(events).as("nothing travels through the engine").containsSubsequence("pause", "unpause")
                    .doesNotContain("archive-path");
        } else {
            assertThat(events).as("another host's engine sends the files").containsSubsequence("pause",
                    "archive-path", "unpause");
        }
        assertThat(taken[0].consistency()).isEqualTo(Consistency.CRASH_CONSISTENT);
        PersistentVolume copy = taken[0].restore(engine.name("host-copy"));
        long a = Long.parseLong(VolumeShell.run(engine, copy.name(), "cat /data/a").strip());
        long b = Long.parseLong(VolumeShell.run(engine, copy.name(), "cat /data/b").strip());
        assertThat(a - b).as("a is b or one ahead, as at any instant of the writer").isBetween(0L, 1L);
        assertThat(writer.state()).isEqualTo(ContainerState.RUNNING);
    }

    /** Whether the engine calls itself by this machine's name, so that its volumes are read from their directories. */
    private static boolean engineOnThisHost() {
        try {
            return engine.docker().infoCmd().exec().getName()
                    .equals(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/hostname")).strip());
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** Takes the snapshot through the engine's archive, whose reads the engine's events show, not from the host. */
    private static void throughTheEngine(Runnable snapshot) {
        System.setProperty("berth.hostMount", "false");
        try {
            snapshot.run();
        } finally {
            System.clearProperty("berth.hostMount");
        }
    }
}
