package dev.berth.docker.internal.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.docker.SnapshotStoreContract;
import dev.berth.spi.SnapshotStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default store passes the TCK, keeps keys inside its root, and clears what crashed writes left. */
class LocalSnapshotStoreTest extends SnapshotStoreContract {
    @TempDir
    Path root;

    @Override
    protected SnapshotStore newStore() {
        return new LocalSnapshotStore(root.resolve("snapshots"));
    }

    @Test
    void keysThatAreNotPlainNamesNeverReachTheFileSystem() {
        SnapshotStore store = newStore();

        for (String key : new String[] {"../etc/passwd", "/etc/passwd", "data/../../x", ".tmp/x", "a//b"}) {
            assertThatThrownBy(() -> store.put(key, new ByteArrayInputStream(new byte[1]), 1))
                    .as(key).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a snapshot store key");
        }
        assertThat(root.getParent().resolve("x")).doesNotExist();
    }

    @Test
    void aWriteThatCrashedIsGoneOnTheNextOpenAndALiveOneStays() throws IOException {
        Path tmp = Files.createDirectories(root.resolve("snapshots").resolve(LocalSnapshotStore.TEMPORARY));
        Path crashed = Files.writeString(tmp.resolve("old"), "half");
        Files.setLastModifiedTime(crashed, FileTime.from(Instant.now().minus(LocalSnapshotStore.ABANDONED)
                .minusSeconds(60)));
        Path live = Files.writeString(tmp.resolve("new"), "writing");

        new LocalSnapshotStore(root.resolve("snapshots"));

        assertThat(crashed).doesNotExist();
        assertThat(live).exists();
        assertThat(newStore().list("")).as("temporary files are never objects").isEmpty();
    }
}
