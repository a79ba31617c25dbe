package dev.berth.docker.internal.repository;

import static dev.berth.docker.internal.repository.RepositoryFixture.random;
import static dev.berth.docker.internal.repository.RepositoryFixture.read;
import static dev.berth.docker.internal.repository.RepositoryFixture.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.Secret;
import dev.berth.docker.internal.snapshot.LocalSnapshotStore;
import dev.berth.spi.SnapshotStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repository format: what is written reads back, is stored once, is sealed with a key, and shows damage. */
class RepositoryTest {
    @TempDir
    Path root;

    private SnapshotStore store() {
        return new LocalSnapshotStore(root.resolve("repo"));
    }

    private static Map<String, byte[]> volume() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("big.db", random(20 << 20, 1));
        for (int i = 0; i < 50; i++) {
            files.put("small/" + i + ".txt", ("file " + i + " ").repeat(2000).getBytes(StandardCharsets.UTF_8));
        }
        files.put("empty", new byte[0]);
        return files;
    }

    private static void assertSameFiles(Map<String, byte[]> actual, Map<String, byte[]> expected) {
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        expected.forEach((path, data) -> assertThat(actual.get(path)).as(path).isEqualTo(data));
    }

    @Test
    void whatIsWrittenReadsBackAndIsVisibleOnlyOnceItsManifestIs() throws IOException {
        Repository repository = Repository.open(store(), Optional.empty());
        Map<String, byte[]> files = volume();
        StoredSnapshot s;
        try (SnapshotWriter writer = repository.write()) {
            s = RepositoryFixture.commit(writer, "s1", files);
        }

        assertThat(repository.snapshots()).extracting(StoredSnapshot::id).containsExactly("s1");
        assertSameFiles(read(repository, s), files);
        assertThat(s.storedBytes()).as("small files compress").isLessThan(21L << 20);
        assertThat(repository.check(true).clean()).isTrue();
    }

    @Test
    void identicalDataIsStoredOnceAcrossSnapshotsAndVolumes() throws IOException {
        Repository repository = Repository.open(store(), Optional.empty());
        StoredSnapshot first = write(repository, "replica-0", volume());

        StoredSnapshot second = write(repository, "replica-1", volume());

        assertThat(second.storedBytes()).as("only the tree is new").isLessThan(64 * 1024);
        assertSameFiles(read(repository, second), volume());
        assertThat(first.storedBytes()).isGreaterThan(20L << 20);
    }

    @Test
    void rewritingOnePercentOfABigFilesPagesInOneRegionStoresLittle() throws IOException {
        Repository repository = Repository.open(store(), Optional.empty());
        byte[] table = random(64 << 20, 5);
        write(repository, "before", Map.of("table.ibd", table));
        byte[] hot = table.clone();
        int pages = table.length / 4096 / 100;
        byte[] fresh = random(pages * 4096, 6);
        System.arraycopy(fresh, 0, hot, 30 << 20, fresh.length);

        StoredSnapshot after = write(repository, "after", Map.of("table.ibd", hot));

        assertThat(after.storedBytes()).as("of " + table.length).isLessThanOrEqualTo(table.length / 20);
        assertSameFiles(read(repository, after), Map.of("table.ibd", hot));
    }

    @Test
    void withAKeyEverythingIsSealedAndOnlyThatKeyOpensIt() throws IOException {
        Secret key = Secret.of("correct horse battery staple");
        Repository repository = Repository.open(store(), Optional.of(key));
        byte[] marker = "THE-PLAINTEXT-MARKER ".repeat(10_000).getBytes(StandardCharsets.UTF_8);
        StoredSnapshot s = write(repository, "secret", Map.of("marker.txt", marker));

        assertThat(repository.encrypted()).isTrue();
        assertSameFiles(read(Repository.open(store(), Optional.of(key)), s), Map.of("marker.txt", marker));
        try (Stream<Path> files = Files.walk(root.resolve("repo"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(f, StandardCharsets.ISO_8859_1)).as(f.toString())
                        .doesNotContain("PLAINTEXT-MARKER", "marker.txt", key.reveal());
            }
        }
        assertThatThrownBy(() -> Repository.open(store(), Optional.empty())).isInstanceOf(IOException.class)
                .hasMessageContaining("is encrypted").hasMessageContaining("snapshotKey");
        assertThatThrownBy(() -> Repository.open(store(), Optional.of(Secret.of("the wrong passphrase"))))
                .isInstanceOf(IOException.class).hasMessageContaining("does not open")
                .hasMessageNotContaining("the wrong passphrase");
    }

    @Test
    void aDamagedPackIsNamedWithTheSnapshotsAndFilesItHurts() throws IOException {
        Repository repository = Repository.open(store(), Optional.empty());
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("a.bin", random(3 << 20, 7));
        files.put("b.bin", random(1000, 8));
        write(repository, "s1", files);
        write(repository, "s2", Map.of("a.bin", random(3 << 20, 7)));
        Path pack;
        try (Stream<Path> packs = Files.walk(root.resolve("repo/data"))) {
            pack = packs.filter(Files::isRegularFile).max(java.util.Comparator.comparingLong(p -> p.toFile().length()))
                    .orElseThrow(); // the pack of s1, whose first blob is the first chunk of a.bin
        }
        byte[] bytes = Files.readAllBytes(pack);
        bytes[100] ^= 1;
        Path copy = Files.createTempFile(root, "pack", "");
        Files.write(copy, bytes);
        Files.delete(pack);
        Files.move(copy, pack);

        assertThat(repository.check(false).clean()).as("the index alone cannot see a changed byte").isTrue();
        RepositoryCheck.Report report = repository.check(true);

        assertThat(report.clean()).isFalse();
        assertThat(report.damaged()).containsOnlyKeys("s1", "s2");
        assertThat(report.damaged().get("s2")).containsExactly("a.bin");
        assertThat(report.problems()).singleElement().asString().contains(pack.getFileName().toString());
    }

    @Test
    void aMissingPackIsFoundFromTheIndexAlone() throws IOException {
        Repository repository = Repository.open(store(), Optional.empty());
        write(repository, "s1", Map.of("a.bin", random(3 << 20, 9)));
        try (Stream<Path> files = Files.walk(root.resolve("repo/data"))) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                Files.delete(p);
            }
        }

        assertThat(repository.check(false).damaged()).containsOnlyKeys("s1");
    }

    @Test
    void aTamperedManifestIsSkippedAndNamedByTheCheck() throws IOException {
        Repository repository = Repository.open(store(), Optional.empty());
        write(repository, "good", Map.of("a", random(10, 1)));
        write(repository, "bad", Map.of("b", random(10, 2)));
        Path manifest = root.resolve("repo/snapshots/bad");
        byte[] bytes = Files.readAllBytes(manifest);
        bytes[bytes.length - 3] ^= 0x20;
        Files.delete(manifest);
        Files.write(manifest, bytes);

        assertThat(repository.snapshots()).extracting(StoredSnapshot::id).containsExactly("good");
        assertThat(repository.check(false).damaged()).containsEntry("bad", java.util.List.of("(manifest)"));
        assertThatThrownBy(repository::collectGarbage).as("nothing is deleted while a manifest cannot be read")
                .isInstanceOf(IOException.class).hasMessageContaining("deleted nothing");
    }

    @Test
    void aWriteThatCrashesHalfWayLeavesNoSnapshotAndItsPacksAreCollected() throws IOException {
        Repository repository = Repository.open(store(), Optional.empty());
        StoredSnapshot kept = write(repository, "kept", Map.of("a", random(2 << 20, 1)));
        try (SnapshotWriter writer = repository.write()) {
            SnapshotWriter.FileContent content = writer.file();
            byte[] big = random(40 << 20, 2);
            content.write(big, 0, big.length);
            content.finish();
            // the JVM dies here: no commit
        }

        assertThat(repository.snapshots()).extracting(StoredSnapshot::id).containsExactly("kept");
        GarbageCollector.Report gc = repository.collectGarbage();
        assertThat(gc.packsDeleted()).isPositive();
        assertSameFiles(read(repository, kept), Map.of("a", random(2 << 20, 1)));
        assertThat(repository.check(true).clean()).isTrue();
    }

    @Test
    void deletingASnapshotThenCollectingFreesWhatOnlyItHeldAndKeepsTheRest() throws IOException {
        Repository repository = Repository.open(store(), Optional.empty());
        write(repository, "old", Map.of("gone", random(8 << 20, 1), "shared", random(3 << 20, 2)));
        StoredSnapshot young = write(repository, "young", Map.of("shared", random(3 << 20, 2)));

        repository.delete("old");
        GarbageCollector.Report gc = repository.collectGarbage();

        assertThat(gc.ran()).isTrue();
        assertThat(gc.bytesFreed()).isGreaterThan(7L << 20);
        assertSameFiles(read(repository, young), Map.of("shared", random(3 << 20, 2)));
        assertThat(repository.check(true).clean()).isTrue();
    }
}
