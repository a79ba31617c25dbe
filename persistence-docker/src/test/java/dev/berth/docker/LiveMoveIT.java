package dev.berth.docker;

import static dev.berth.docker.EngineFixture.BUSYBOX;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.Berth;
import dev.berth.MoveReport;
import dev.berth.Node;
import dev.berth.PersistentVolume;
import dev.berth.PruneOptions;
import dev.berth.StatefulContainer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A container moved while it writes: its volume is copied while it runs, and once it has stopped only what changed is
 * sent; what lands on the other node is exactly what it left behind, to the byte, owner and mode. Needs the Swarm of
 * scripts/cluster.sh: fails, never skips, without it.
 */
@Tag("swarm")
class LiveMoveIT {
    @RegisterExtension
    static final EngineFixture engine = new EngineFixture();
    private static Node zoneA;
    private static Node zoneB;
    private final Berth berth = engine.berth();

    /**
     * Data of every kind, then (only on its first start: a restart on the target leaves the data as it came) a writer
     * that appends, rewrites in place, creates and deletes files and directories as fast as it can until stopped.
     */
    private static final String WRITER = "if [ ! -e /data/started ]; then touch /data/started"
            + " && mkdir -p /data/bulk /data/owned /data/dirs && for i in $(seq 1 40); do"
            + " dd if=/dev/urandom of=/data/bulk/$i bs=64k count=16 2>/dev/null; done"
            + " && echo quoted > \"/data/it's a name\" && ln -s bulk/1 /data/link && mkfifo /data/fifo"
            + " && echo mine > /data/owned/file && chown -R 1000:1000 /data/owned && chmod 0750 /data/owned"
            + " && (i=0; while :; do i=$((i+1)); echo $i >> /data/append; echo $i > /data/counter;"
            + " mkdir -p /data/dirs/$((i % 20)); echo $i > /data/dirs/$((i % 20))/f;"
            + " rm -rf /data/dirs/$(((i + 10) % 20)); done) & fi; trap 'kill %1 2>/dev/null; exit 0' TERM;"
            + " while :; do sleep 1; done";
    /** Every entry with its kind, size, owner and mode, and every file's hash. */
    private static final String CONTENT = "cd /data && find . -exec stat -c '%n %F %s %u %g %a' {} + | sort"
            + " && find . -type f -exec sha256sum {} + | sort";

    @BeforeAll
    static void findZones() {
        zoneA = SwarmZones.zone(engine.berth(), "a");
        zoneB = SwarmZones.zone(engine.berth(), "b");
    }

    @AfterAll
    static void clean() {
        engine.berth().prune(PruneOptions.builder().label(EngineFixture.RUN_LABEL, engine.runId()).includeRunning(true)
                .includeVolumes(true).retiredOlderThan(Duration.ZERO).build());
    }

    @Test
    void aContainerMovedWhileItWritesLandsExactlyWhatItLeft() throws Exception {
        PersistentVolume data = berth.volume(engine.name("live")).node(zoneA).create();
        StatefulContainer writer = berth.container(engine.name("live")).image(BUSYBOX)
                .command("sh", "-c", WRITER).mount(data, "/data").start();
        for (int i = 0; i < 100 && !writer.exec("test", "-e", "/data/append").succeeded(); i++) {
            Thread.sleep(100);
        }
        long writtenBefore = written(writer);

        MoveReport report = writer.moveTo(zoneB);

        assertThat(writer.node().id()).isEqualTo(zoneB.id());
        String retired = VolumeShell.volumesOn(zoneA).stream().filter(v -> v.startsWith(data.name() + ".retired-"))
                .findFirst().orElseThrow();
        String left = VolumeShell.onNode(engine, zoneA, retired, CONTENT);
        String landed = VolumeShell.onNode(engine, zoneB, data.name(), CONTENT);
        assertThat(landed).isEqualTo(left);
        assertThat(landed).contains("./owned directory 4096 1000 1000 750", "./fifo fifo", "./link symbolic link", "./it's a name");
        long writtenAfter = written(writer);
        assertThat(writtenAfter).as("it wrote on while it was copied").isGreaterThan(writtenBefore);
        assertThat(report.bytesCopied()).isGreaterThanOrEqualTo(40L * 1024 * 1024);
        assertThat(report.filesVerified()).isGreaterThan(40);
    }

    /**
     * How many lines the writer has appended: read while it writes, so not its counter file, which each round empties
     * before it writes the next number.
     */
    private static long written(StatefulContainer writer) {
        return Long.parseLong(writer.exec("sh", "-c", "wc -l < /data/append").stdout().strip());
    }
}
