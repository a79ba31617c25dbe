package dev.berth.docker.internal.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.docker.internal.snapshot.ArchiveStore.Part;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The TCK of {@link ArchiveStore}: every implementation must pass it. Extend it and return a new, empty store from
 * {@link #newStore()}; each test gets its own.
 */
abstract class ArchiveStoreContract {
    private static final Map<String, String> MANIFEST = Map.of("id", "s1", "name", "before = migration #1 ü",
            "multi", "line one\nline two", "spaces", "  leading and trailing  ", "empty", "");

    private ArchiveStore store;

    /** A new store with no snapshots in it. */
    protected abstract ArchiveStore newStore() throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        store = newStore();
    }

    private void write(String id, byte[] archive, Map<String, String> manifest) throws IOException {
        try (ArchiveStore.Draft draft = store.create(id)) {
            try (OutputStream out = draft.open(Part.ARCHIVE)) {
                out.write(archive);
            }
            try (OutputStream out = draft.open(Part.CHECKSUMS)) {
                out.write(("checksums of " + id).getBytes(StandardCharsets.UTF_8));
            }
            draft.commit(manifest);
        }
    }

    private byte[] read(String id, Part part) throws IOException {
        try (InputStream in = store.open(id, part)) {
            return in.readAllBytes();
        }
    }

    @Test
    void aCommittedSnapshotIsThereExactlyAsWritten() throws IOException {
        write("s1", "tar bytes".getBytes(StandardCharsets.UTF_8), MANIFEST);

        assertThat(store.find("s1")).hasValueSatisfying(s -> assertThat(s.manifest()).isEqualTo(MANIFEST));
        assertThat(store.list()).singleElement().satisfies(s -> assertThat(s.id()).isEqualTo("s1"));
        assertThat(read("s1", Part.ARCHIVE)).asString(StandardCharsets.UTF_8).isEqualTo("tar bytes");
        assertThat(read("s1", Part.CHECKSUMS)).asString(StandardCharsets.UTF_8).isEqualTo("checksums of s1");
        assertThat(store.size("s1", Part.ARCHIVE)).isEqualTo(9);
        assertThat(store.location()).isNotBlank();
    }

    @Test
    void aDraftClosedWithoutCommitLeavesNothing() throws IOException {
        try (ArchiveStore.Draft draft = store.create("s1")) {
            draft.open(Part.ARCHIVE).write(new byte[1000]);
        }

        assertThat(store.list()).isEmpty();
        assertThat(store.find("s1")).isEmpty();
        assertThatThrownBy(() -> store.open("s1", Part.ARCHIVE)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void aTakenIdCannotBeCommittedAgain() throws IOException {
        write("s1", new byte[] {1}, MANIFEST);

        assertThatThrownBy(() -> write("s1", new byte[] {2}, Map.of("other", "manifest")))
                .isInstanceOf(IOException.class);
        assertThat(read("s1", Part.ARCHIVE)).containsExactly(1);
        assertThat(store.find("s1").orElseThrow().manifest()).isEqualTo(MANIFEST);
    }

    @Test
    void deleteMakesItDisappearAndIgnoresUnknownIds() throws IOException {
        write("s1", new byte[] {1}, MANIFEST);

        assertThat(store.delete("s1")).isTrue();
        assertThat(store.delete("s1")).isFalse();
        assertThat(store.delete("never-there")).isFalse();
        assertThat(store.list()).isEmpty();
        assertThatThrownBy(() -> store.open("s1", Part.CHECKSUMS)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void largePartsStreamThrough() throws Exception {
        long size = 48L << 20;
        try (ArchiveStore.Draft draft = store.create("big")) {
            try (OutputStream out = draft.open(Part.ARCHIVE)) {
                Random random = new Random(7);
                byte[] block = new byte[1 << 16];
                for (long written = 0; written < size; written += block.length) {
                    random.nextBytes(block);
                    out.write(block);
                }
            }
            draft.open(Part.CHECKSUMS).close();
            draft.commit(MANIFEST);
        }

        MessageDigest expected = MessageDigest.getInstance("SHA-256");
        Random random = new Random(7);
        byte[] block = new byte[1 << 16];
        for (long written = 0; written < size; written += block.length) {
            random.nextBytes(block);
            expected.update(block);
        }
        MessageDigest actual = MessageDigest.getInstance("SHA-256");
        try (InputStream in = store.open("big", Part.ARCHIVE)) {
            for (int n = in.read(block); n >= 0; n = in.read(block)) {
                actual.update(block, 0, n);
            }
        }
        assertThat(actual.digest()).isEqualTo(expected.digest());
        assertThat(store.size("big", Part.ARCHIVE)).isEqualTo(size);
    }

    @Test
    void draftsOfDifferentIdsAndTheirPartsAreWrittenConcurrently() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String id = "s" + i;
                writes.add(pool.submit(() -> {
                    try (ArchiveStore.Draft draft = store.create(id)) {
                        OutputStream archive = draft.open(Part.ARCHIVE);
                        OutputStream checksums = draft.open(Part.CHECKSUMS);
                        Future<?> other = pool.submit(() -> {
                            checksums.write(id.getBytes(StandardCharsets.UTF_8));
                            return null;
                        });
                        archive.write(new byte[1 << 20]);
                        other.get();
                        draft.commit(Map.of("id", id));
                    }
                    return null;
                }));
            }
            for (Future<?> f : writes) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.list()).extracting(ArchiveStore.Stored::id).containsExactlyInAnyOrder("s0", "s1", "s2", "s3");
        assertThat(read("s2", Part.CHECKSUMS)).asString(StandardCharsets.UTF_8).isEqualTo("s2");
    }
}
