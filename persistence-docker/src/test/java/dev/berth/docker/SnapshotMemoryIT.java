package dev.berth.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.PersistentVolume;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Memory stays flat whatever the volume's size: a JVM limited to 64 MiB of heap snapshots 1 GiB of mixed data (one
 * 512 MiB file and 5000 files of 100 KiB), restores it, verifies it, and snapshots the copy to the same checksum.
 */
@org.junit.jupiter.api.Tag("memory")
class SnapshotMemoryIT {
    @RegisterExtension
    static final EngineFixture engine = new EngineFixture();
    @RegisterExtension
    static final SnapshotFixture snapshots = new SnapshotFixture(engine);
    static final String FILL = "mkdir -p /data/small && dd if=/dev/urandom of=/data/big bs=1M count=512 2>/dev/null"
            + " && head -c 102400 /dev/urandom > /tmp/seed && i=0; while [ $i -lt 5000 ]; do"
            + " cat /tmp/seed > /data/small/$i; echo $i >> /data/small/$i; i=$((i+1)); done";

    @Test
    void aGibibyteGoesThroughSixtyFourMebibytesOfHeap() throws Exception {
        PersistentVolume data = snapshots.berth().volume(engine.name("gib")).create();
        VolumeShell.run(engine, data.name(), FILL);

        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-cp", System.getProperty("java.class.path"), SnapshotMemoryProcess.class.getName(),
                EngineFixture.DOCKER_HOST, data.name(), engine.name("gib-copy"), snapshots.store().toString(),
                EngineFixture.RUN_LABEL + "=" + engine.runId())
                .redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(5, TimeUnit.MINUTES)).isTrue();

        System.out.println(out.lines().filter(l -> l.startsWith("FIGURES")).findFirst().orElse(out));
        assertThat(child.exitValue()).as(out).isZero();
        assertThat(out).as(out).doesNotContain("OutOfMemoryError").containsPattern("OUTCOME 10[0-9]{8} true");
    }
}
