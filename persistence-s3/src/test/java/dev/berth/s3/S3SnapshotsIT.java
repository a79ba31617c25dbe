package dev.berth.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.Berth;
import dev.berth.CheckReport;
import dev.berth.PersistentVolume;
import dev.berth.Retention;
import dev.berth.Secret;
import dev.berth.Snapshot;
import dev.berth.docker.EngineFixture;
import dev.berth.docker.VolumeShell;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Snapshots of a real volume kept in S3: sealed with a key, incremental, restored whole, pruned with their data, and
 * checked, with a damaged object named by its snapshot and file.
 */
class S3SnapshotsIT {
    @RegisterExtension
    static final S3ProxyFixture s3 = new S3ProxyFixture();
    @RegisterExtension
    static final EngineFixture engine = new EngineFixture();

    static final String SUMS = "cd /data && find . -type f | sort | xargs md5sum";

    private static Berth berth(S3SnapshotStore store) {
        return Berth.connect(engine.settings().toBuilder().snapshotStore(store)
                .snapshotKey(Secret.of("a passphrase for the bucket")).build());
    }

    @Test
    void aVolumeIsSnapshottedIntoS3IncrementallyAndRestoredWhole() {
        try (S3SnapshotStore store = s3.builder().prefix("volumes/" + UUID.randomUUID()).build();
                Berth berth = berth(store)) {
            PersistentVolume data = berth.volume(engine.name("s3-orders")).create();
            VolumeShell.run(engine, data.name(), "mkdir /data/small && for i in $(seq 1 40); do dd if=/dev/urandom"
                    + " of=/data/small/$i bs=50k count=1 2>/dev/null; done && dd if=/dev/urandom of=/data/big"
                    + " bs=1M count=6 2>/dev/null");
            Snapshot first = data.snapshot("first");
            VolumeShell.run(engine, data.name(), "sleep 1 && echo changed > /data/small/7");
            Snapshot second = data.snapshot("second");

            assertThat(second.storedBytes()).isLessThan(first.storedBytes() / 10);
            PersistentVolume copy = second.restore(engine.name("s3-orders-copy"));
            assertThat(VolumeShell.run(engine, copy.name(), SUMS)).isEqualTo(VolumeShell.run(engine, data.name(), SUMS));

            berth.snapshots().retain(data.name(), Retention.keepLast(1));
            assertThat(berth.snapshots().forVolume(data.name())).extracting(Snapshot::name).containsExactly("second");
            assertThat(berth.snapshots().check().isClean()).isTrue();
            PersistentVolume again = second.restore(engine.name("s3-orders-again"));
            assertThat(VolumeShell.run(engine, again.name(), SUMS)).isEqualTo(VolumeShell.run(engine, data.name(),
                    SUMS));
        }
    }

    @Test
    void aDamagedObjectInTheBucketIsNamedByCheck() throws IOException {
        String prefix = "damaged/" + UUID.randomUUID();
        try (S3SnapshotStore store = s3.builder().prefix(prefix).build(); Berth berth = berth(store)) {
            PersistentVolume data = berth.volume(engine.name("s3-damaged")).create();
            VolumeShell.run(engine, data.name(), "echo hello > /data/a && dd if=/dev/urandom of=/data/b bs=1M count=2"
                    + " 2>/dev/null");
            Snapshot snapshot = data.snapshot("to-damage");
            Path pack;
            try (Stream<Path> files = Files.walk(s3.bucketDirectory().resolve(prefix).resolve("data"))) {
                pack = files.filter(Files::isRegularFile).findFirst().orElseThrow();
            }
            byte[] bytes = Files.readAllBytes(pack);
            bytes[bytes.length / 3] ^= 1; // sealed, so any flipped byte fails its blob's tag
            Files.write(pack, bytes);

            CheckReport report = berth.snapshots().check();

            assertThat(report.damaged()).containsKey(snapshot.id());
            assertThat(report.damaged().get(snapshot.id())).isNotEmpty();
            assertThat(report.problems()).anySatisfy(p -> assertThat(p).contains(pack.getFileName().toString()));
            assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).as("sealed: nothing in the clear")
                    .doesNotContain("hello");
            assertThat(List.of(report.problems().toString())).noneMatch(p -> p.contains("a passphrase"));
        }
    }
}
