package dev.berth.docker.internal.repository;

import static dev.berth.docker.internal.repository.RepositoryFixture.random;
import static dev.berth.docker.internal.repository.RepositoryFixture.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.docker.internal.snapshot.LocalSnapshotStore;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Garbage collection never deletes what a snapshot being written needs, however the two interleave. */
class GarbageCollectionRaceTest {
    @TempDir
    Path root;

    @Test
    void aCollectionWhileASnapshotIsBeingWrittenLeavesItsChunksAndIsSkipped() throws Exception {
        Repository repository = Repository.open(new LocalSnapshotStore(root), Optional.empty());
        RepositoryFixture.write(repository, "old", Map.of("shared", random(2 << 20, 1)));
        repository.delete("old"); // its chunks are now unreferenced, but the writer below reuses them

        StoredSnapshot written;
        try (SnapshotWriter writer = repository.write()) {
            GarbageCollector.Report during = repository.collectGarbage();
            assertThat(during.ran()).isFalse();
            assertThat(during.reason()).contains("being written");
            written = RepositoryFixture.commit(writer, "new", Map.of("shared", random(2 << 20, 1)));
        }

        assertThat(read(repository, written).get("shared")).isEqualTo(random(2 << 20, 1));
        assertThat(repository.collectGarbage().ran()).isTrue();
        assertThat(read(repository, written).get("shared")).isEqualTo(random(2 << 20, 1));
    }

    @Test
    void snapshotsWrittenWhileRetentionAndCollectionRunOverAndOverAllRestore() throws Exception {
        Repository repository = Repository.open(new LocalSnapshotStore(root), Optional.empty());
        AtomicBoolean writing = new AtomicBoolean(true);
        CompletableFuture<Integer> collector = CompletableFuture.supplyAsync(() -> {
            int ran = 0;
            try {
                while (writing.get()) {
                    List<StoredSnapshot> all = repository.snapshots().stream()
                            .sorted(Comparator.comparing(StoredSnapshot::id)).toList();
                    for (StoredSnapshot s : all.subList(0, Math.max(0, all.size() - 2))) {
                        repository.delete(s.id());
                    }
                    ran += repository.collectGarbage().ran() ? 1 : 0;
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return ran;
        });
        try {
            for (int round = 0; round < 15; round++) {
                // every round shares a chunk with the one before, whose snapshot retention may just have dropped
                RepositoryFixture.write(repository, String.format("s%03d", round),
                        Map.of("a", random(600 << 10, round), "b", random(600 << 10, round + 1)));
            }
        } finally {
            writing.set(false);
        }
        assertThat(collector.get()).as("collections that ran").isPositive();

        for (StoredSnapshot s : repository.snapshots()) {
            int round = Integer.parseInt(s.id().substring(1));
            Map<String, byte[]> files = read(repository, s);
            assertThat(files.get("a")).isEqualTo(random(600 << 10, round));
            assertThat(files.get("b")).isEqualTo(random(600 << 10, round + 1));
        }
        assertThat(repository.check(true).clean()).isTrue();
    }
}
