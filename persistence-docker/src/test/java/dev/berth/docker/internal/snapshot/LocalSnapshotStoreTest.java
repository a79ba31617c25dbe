package dev.berth.docker.internal.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.docker.SnapshotStoreContract;
import dev.berth.spi.SnapshotStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default store passes the TCK, and keeps its drafts out of sight. */
class LocalSnapshotStoreTest extends SnapshotStoreContract {
    @TempDir
    Path root;

    @Override
    protected SnapshotStore newStore() {
        return new LocalSnapshotStore(root.resolve("snapshots"));
    }

    @Test
    void aSnapshotIsADirectoryOfThreeFilesAndDraftsLeaveNoTrace() throws IOException {
        SnapshotStore store = newStore();
        try (SnapshotStore.Draft draft = store.create("s1")) {
            draft.open(SnapshotStore.Part.ARCHIVE).write(1);
            draft.open(SnapshotStore.Part.CHECKSUMS).write(2);
            draft.commit(Map.of("k", "v"));
        }
        try (SnapshotStore.Draft abandoned = store.create("s2")) {
            abandoned.open(SnapshotStore.Part.ARCHIVE).write(3);
        }

        try (Stream<Path> entries = Files.list(root.resolve("snapshots"))) {
            assertThat(entries).extracting(p -> p.getFileName().toString()).containsExactly("s1");
        }
        try (Stream<Path> files = Files.list(root.resolve("snapshots/s1"))) {
            assertThat(files).extracting(p -> p.getFileName().toString())
                    .containsExactlyInAnyOrder("archive.tar", "checksums.txt", "manifest.properties");
        }
    }

    @Test
    void idsThatAreNotPlainNamesNeverReachTheFileSystem() throws IOException {
        SnapshotStore store = newStore();

        assertThat(store.find("../etc")).isEmpty();
        assertThat(store.delete("../../x")).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.create("../x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a snapshot id");
    }

    @Test
    void theDraftOfAWriteThatCrashedIsGoneOnTheNextOpenAndALiveOneStays() throws IOException {
        java.nio.file.Path dir = java.nio.file.Files.createDirectories(root.resolve("snapshots"));
        java.nio.file.Path crashed = java.nio.file.Files.createDirectory(dir.resolve(".draft-old-1"));
        java.nio.file.Files.writeString(crashed.resolve("archive.tar"), "half");
        java.nio.file.Files.setLastModifiedTime(crashed, java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minus(LocalSnapshotStore.ABANDONED).minusSeconds(60)));
        java.nio.file.Path live = java.nio.file.Files.createDirectory(dir.resolve(".draft-new-2"));

        new LocalSnapshotStore(dir);

        assertThat(crashed).doesNotExist();
        assertThat(live).exists();
    }
}
