package dev.berth.docker.internal.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Format-1 snapshots in the default object store pass their contract, laid out as the directory store kept them. */
class StoredArchivesTest extends ArchiveStoreContract {
    @TempDir
    Path root;

    @Override
    protected ArchiveStore newStore() {
        return new StoredArchives(new LocalSnapshotStore(root.resolve("snapshots")));
    }

    @Test
    void aSnapshotIsADirectoryOfThreeFilesAsBeforeAndDraftsLeaveNoTrace() throws IOException {
        ArchiveStore store = newStore();
        try (ArchiveStore.Draft draft = store.create("s1")) {
            draft.open(ArchiveStore.Part.ARCHIVE).write(1);
            draft.open(ArchiveStore.Part.CHECKSUMS).write(2);
            draft.commit(Map.of("k", "v"));
        }
        try (ArchiveStore.Draft abandoned = store.create("s2")) {
            abandoned.open(ArchiveStore.Part.ARCHIVE).write(3);
        }

        try (Stream<Path> entries = Files.list(root.resolve("snapshots"))) {
            assertThat(entries).extracting(p -> p.getFileName().toString()).filteredOn(n -> !n.startsWith("."))
                    .containsExactly("s1");
        }
        try (Stream<Path> files = Files.list(root.resolve("snapshots/s1"))) {
            assertThat(files).extracting(p -> p.getFileName().toString())
                    .containsExactlyInAnyOrder("archive.tar", "checksums.txt", "manifest.properties");
        }
    }

    @Test
    void idsThatAreNotPlainNamesNeverReachTheFileSystem() throws IOException {
        ArchiveStore store = newStore();

        assertThat(store.find("../etc")).isEmpty();
        assertThat(store.delete("../../x")).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.create("../x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a snapshot id");
    }
}
