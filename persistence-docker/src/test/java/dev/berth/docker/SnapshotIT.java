package dev.berth.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.AccessMode;
import dev.berth.BerthException;
import dev.berth.Consistency;
import dev.berth.PersistentVolume;
import dev.berth.Progress;
import dev.berth.Snapshot;
import dev.berth.SnapshotCorruptedException;
import dev.berth.StatefulContainer;
import dev.berth.VolumeConflictException;
import dev.berth.VolumeInUseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class SnapshotIT {
    @RegisterExtension
    static final EngineFixture engine = new EngineFixture();
    @RegisterExtension
    static final SnapshotFixture snapshots = new SnapshotFixture(engine);

    /** Files of every kind, with owners, modes and times of their own, and a name with a tab in it. */
    static final String FILL = "mkdir -p /data/dir/sub '/data/odd name' && echo hello > /data/dir/a.txt"
            + " && echo FLIP-ME-0123456789 > /data/dir/flip.txt && dd if=/dev/urandom of=/data/big.bin bs=1M count=3"
            + " 2>/dev/null && ln -s dir/a.txt /data/link && ln /data/big.bin /data/hard.bin"
            + " && printf x > '/data/odd name/tab\tfile' && chown 999:998 /data/dir/a.txt && chmod 640 /data/dir/a.txt"
            + " && chown 70:70 /data/dir/sub && chmod 700 /data/dir/sub && chown 1000:1000 /data && chmod 750 /data"
            + " && touch -t 202001020304.05 /data/dir/a.txt && touch -h -t 202101010101.01 /data/link"
            + " && touch -t 201905050505.05 /data/dir /data/dir/sub '/data/odd name'";

    private PersistentVolume filled(String name) {
        PersistentVolume volume = snapshots.berth().volume(engine.name(name)).label("team", "payments")
                .accessMode(AccessMode.MULTI_WRITER).create();
        VolumeShell.run(engine, volume.name(), FILL);
        return volume;
    }

    @Test
    void aRestoredVolumeHasEveryFileWithItsOwnerModeAndTime() {
        PersistentVolume source = filled("source");
        Snapshot snapshot = source.snapshot("before-migration");

        PersistentVolume copy = snapshot.restore(engine.name("copy"));

        assertThat(VolumeShell.listing(engine, copy.name())).isEqualTo(VolumeShell.listing(engine, source.name()))
                .contains("./dir/a.txt 999 998 640 1577934245 6 regular file")
                .contains("./dir/sub 70 70 700 1557032705").contains(". 1000 1000 750");
        assertThat(copy.labels()).containsEntry("team", "payments");
        assertThat(copy.accessMode()).isEqualTo(AccessMode.MULTI_WRITER);
        assertThat(snapshot.volume()).isEqualTo(source.name());
        assertThat(snapshot.name()).isEqualTo("before-migration");
        assertThat(snapshot.consistency()).isEqualTo(Consistency.STOPPED);
        assertThat(snapshot.downtime()).isEqualTo(Duration.ZERO);
        assertThat(snapshot.sizeBytes()).isBetween(3L << 20, 4L << 20);
        assertThat(snapshot.checksum()).startsWith("sha256:")
                .isEqualTo(copy.snapshot("of-the-copy").checksum());
        assertThat(snapshots.reports()).anySatisfy(p -> assertThat(p.operation()).isEqualTo(Progress.Operation.RESTORE))
                .anySatisfy(p -> assertThat(p.done()).isTrue());
    }

    @Test
    void verifyNamesTheDamagedFileAndNothingIsRestoredFromIt() throws IOException {
        PersistentVolume source = filled("damaged");
        String marker = SnapshotFixture.uniqueMarker("FLIP-ME"); // the other tests' snapshots hold flip.txt too
        VolumeShell.run(engine, source.name(), "echo " + marker + " > /data/dir/flip.txt");
        Snapshot snapshot = source.snapshot("to-damage");
        snapshots.flipInPack(marker);

        assertThatThrownBy(snapshot::verify).isInstanceOfSatisfying(SnapshotCorruptedException.class, e -> {
            assertThat(e.damagedFiles()).containsExactly("dir/flip.txt");
            assertThat(e.snapshotId()).isEqualTo(snapshot.id());
        });
        String target = engine.name("from-damaged");
        assertThatThrownBy(() -> snapshot.restore(target)).isInstanceOf(SnapshotCorruptedException.class);
        assertThat(snapshots.berth().volumes().find(target)).isEmpty();
        String before = VolumeShell.listing(engine, source.name());
        assertThatThrownBy(snapshot::restoreInPlace).isInstanceOf(SnapshotCorruptedException.class);
        assertThat(VolumeShell.listing(engine, source.name())).isEqualTo(before);
    }

    @Test
    void anExportedSnapshotImportsAndRestoresAnywhere(@TempDir Path dir) {
        PersistentVolume source = filled("exported");
        Snapshot snapshot = source.snapshot("portable");
        Path file = dir.resolve("portable.berth");
        snapshot.exportTo(file);
        snapshot.delete();

        Snapshot imported = snapshots.berth().snapshots().importFrom(file);

        assertThat(imported.id()).isEqualTo(snapshot.id());
        assertThat(imported.checksum()).isEqualTo(snapshot.checksum());
        assertThat(snapshots.berth().snapshots().importFrom(file)).isEqualTo(imported);
        PersistentVolume copy = imported.restore(engine.name("imported"));
        assertThat(VolumeShell.listing(engine, copy.name())).isEqualTo(VolumeShell.listing(engine, source.name()));
        assertThatThrownBy(() -> imported.exportTo(file)).isInstanceOf(BerthException.class)
                .hasMessageContaining("never overwrites");
    }

    @Test
    void restoreInPlaceWaitsForTheWritersToStopThenBringsTheDataBack() {
        PersistentVolume data = filled("in-place");
        Snapshot snapshot = data.snapshot("good");
        String before = VolumeShell.listing(engine, data.name());
        StatefulContainer writer = snapshots.berth().container(engine.name("in-place-w")).image(EngineFixture.BUSYBOX)
                .command(EngineFixture.SLEEP).mount(data, "/data").start();
        writer.exec("sh", "-c", "rm -rf /data/dir && echo later > /data/later.txt");

        assertThatThrownBy(snapshot::restoreInPlace).isInstanceOfSatisfying(VolumeInUseException.class,
                e -> assertThat(e.containers()).containsExactly(writer.name()));
        assertThat(VolumeShell.run(engine, data.name(), "cat /data/later.txt")).isEqualTo("later\n");

        writer.stop();
        snapshot.restoreInPlace();
        assertThat(VolumeShell.listing(engine, data.name())).isEqualTo(before).doesNotContain("later.txt");
    }

    @Test
    void aRestoreNeverReplacesAnExistingVolume() {
        PersistentVolume source = filled("kept");
        Snapshot snapshot = source.snapshot("s");

        assertThatThrownBy(() -> snapshot.restore(source.name())).isInstanceOf(VolumeConflictException.class)
                .hasMessageContaining("restoreInPlace()");
    }
}
