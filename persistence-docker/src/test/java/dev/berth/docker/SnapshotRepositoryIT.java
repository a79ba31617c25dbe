package dev.berth.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.Berth;
import dev.berth.BerthException;
import dev.berth.CheckReport;
import dev.berth.PersistentVolume;
import dev.berth.Secret;
import dev.berth.Snapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshots in the repository format on a real engine: incremental by default (unchanged files are not read again,
 * a changed one is seen even with its size and time put back), deduplicated, checked down to the damaged pack, and
 * sealed with a key when one is given.
 */
class SnapshotRepositoryIT {
    @RegisterExtension
    static final EngineFixture engine = new EngineFixture();
    @RegisterExtension
    static final SnapshotFixture snapshots = new SnapshotFixture(engine);

    static final String FILL = "mkdir -p /data/small && dd if=/dev/urandom of=/data/big bs=1M count=24 2>/dev/null"
            + " && for i in $(seq 1 200); do dd if=/dev/urandom of=/data/small/$i bs=10k count=1 2>/dev/null; done";
    static final String SUMS = "cd /data && find . -type f | sort | xargs md5sum";

    private PersistentVolume filled(String name) {
        PersistentVolume volume = snapshots.berth().volume(engine.name(name)).create();
        VolumeShell.run(engine, volume.name(), FILL);
        return volume;
    }

    @Test
    void aSecondSnapshotStoresOnlyWhatChangedAndRestoresEverything() {
        PersistentVolume data = filled("incremental");
        Snapshot first = data.snapshot("first");
        VolumeShell.run(engine, data.name(), "sleep 1 && for i in 7 8; do dd if=/dev/urandom of=/data/small/$i bs=10k"
                + " count=1 2>/dev/null; done && echo new > /data/small/new && rm /data/small/9");

        Snapshot second = data.snapshot("second");

        assertThat(first.storedBytes()).isGreaterThan(24L << 20);
        assertThat(second.storedBytes()).as("of " + first.storedBytes()).isLessThan(first.storedBytes() / 10);
        PersistentVolume copy = second.restore(engine.name("incremental-copy"));
        assertThat(VolumeShell.run(engine, copy.name(), SUMS)).isEqualTo(VolumeShell.run(engine, data.name(), SUMS));
        assertThat(VolumeShell.listing(engine, copy.name())).isEqualTo(VolumeShell.listing(engine, data.name()));
        PersistentVolume older = first.restore(engine.name("incremental-first"));
        assertThat(VolumeShell.run(engine, older.name(), "cat /data/small/new 2>&1; ls /data/small | wc -l"))
                .contains("No such file").endsWith("200\n");
    }

    @Test
    void aFileRewrittenWithItsSizeAndTimePutBackIsStillSeen() {
        PersistentVolume data = snapshots.berth().volume(engine.name("sneaky")).create();
        VolumeShell.run(engine, data.name(), "echo aaaa > /data/f && touch -t 202001010000 /data/f");
        data.snapshot("before");
        VolumeShell.run(engine, data.name(), "sleep 1 && echo bbbb > /data/f && touch -t 202001010000 /data/f");

        Snapshot after = data.snapshot("after");

        PersistentVolume copy = after.restore(engine.name("sneaky-copy"));
        assertThat(VolumeShell.run(engine, copy.name(), "cat /data/f")).isEqualTo("bbbb\n");
    }

    @Test
    void checkNamesTheSnapshotAndFileOfADamagedPack() throws IOException {
        PersistentVolume data = snapshots.berth().volume(engine.name("checked")).create();
        String marker = SnapshotFixture.uniqueMarker("CHECK-MARKER");
        VolumeShell.run(engine, data.name(), "echo " + marker + " > /data/marked.txt && echo ok > /data/other");
        Snapshot snapshot = data.snapshot("to-damage");
        assertThat(snapshots.berth().snapshots().check().isClean()).isTrue();
        Path pack = snapshots.flipInPack(marker);

        CheckReport report = snapshots.berth().snapshots().check();

        assertThat(report.isClean()).isFalse();
        assertThat(report.damaged()).containsEntry(snapshot.id(), java.util.List.of("marked.txt"));
        assertThat(report.problems()).anySatisfy(p -> assertThat(p).contains(pack.getFileName().toString()));
        assertThat(snapshots.berth().snapshots().checkIndex().damaged()).as("the index alone cannot see it")
                .doesNotContainKey(snapshot.id());
    }

    @Test
    void withAKeyNothingIsStoredInTheClearAndOnlyThatKeyOpensTheStore(@TempDir Path store) throws IOException {
        Secret key = Secret.of("a long enough passphrase");
        PersistentVolume data = snapshots.berth().volume(engine.name("sealed")).create();
        VolumeShell.run(engine, data.name(), "echo SEALED-MARKER-0123456789 > /data/secret.txt");
        try (Berth sealed = Berth.connect(engine.settings().toBuilder().snapshotDirectory(store).snapshotKey(key)
                .build())) {
            Snapshot snapshot = sealed.volumes().find(data.name()).orElseThrow().snapshot("sealed");
            PersistentVolume copy = snapshot.restore(engine.name("sealed-copy"));
            assertThat(VolumeShell.run(engine, copy.name(), "cat /data/secret.txt"))
                    .isEqualTo("SEALED-MARKER-0123456789\n");
        }
        try (Stream<Path> files = Files.walk(store)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(f, StandardCharsets.ISO_8859_1)).doesNotContain("SEALED-MARKER",
                        "secret.txt", data.name());
            }
        }
        try (Berth keyless = Berth.connect(engine.settings().toBuilder().snapshotDirectory(store).build())) {
            assertThatThrownBy(() -> keyless.snapshots().list()).isInstanceOf(BerthException.class)
                    .hasMessageContaining("encrypted").hasMessageContaining("snapshotKey");
        }
    }
}
