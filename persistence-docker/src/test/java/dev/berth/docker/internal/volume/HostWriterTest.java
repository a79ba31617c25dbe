package dev.berth.docker.internal.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.docker.internal.archive.ArchiveRecord;
import dev.berth.docker.internal.archive.ArchiveRecord.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A restore written into a volume's directory: what the engine's extraction would make, and nothing outside it. */
class HostWriterTest {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
    @TempDir
    Path root;
    Path volume;
    Path outside;

    @BeforeEach
    void directories() throws IOException {
        volume = Files.createDirectories(root.resolve("volumes/new/_data"));
        outside = Files.createDirectories(root.resolve("host"));
    }

    private static ArchiveRecord record(String path, Kind kind, int mode, long size, String link) {
        return new ArchiveRecord(path, kind, mode, 999, 998, 1_000_000_000L, size, link, "");
    }

    @Test
    void writesFilesDirectoriesAndLinksWithTheirOwnersModesAndTimes() throws IOException {
        byte[] data = "postgres data".getBytes(StandardCharsets.UTF_8);
        try (HostWriter writer = HostWriter.into(new HostVolume(volume))) {
            writer.entry(record(".", Kind.DIRECTORY, 0755, 0, ""));
            writer.entry(record("pg", Kind.DIRECTORY, 0700, 0, ""));
            writer.entry(record("pg/base", Kind.FILE, 04750, data.length, ""));
            writer.content(data, 0, 5);
            writer.content(data, 5, data.length - 5);
            writer.entry(record("pg/again", Kind.HARDLINK, 0, 0, "pg/base"));
            writer.entry(record("current", Kind.SYMLINK, 0777, 0, "pg/base"));
            writer.finish();
        }

        Path base = volume.resolve("pg/base");
        assertThat(Files.readAllBytes(base)).isEqualTo(data);
        assertThat(Files.getAttribute(base, "unix:mode")).isEqualTo(0104750);
        assertThat(Files.getAttribute(base, "unix:uid")).isEqualTo(999);
        assertThat(Files.getAttribute(base, "unix:gid")).isEqualTo(998);
        assertThat(Files.getAttribute(base, "unix:nlink")).isEqualTo(2);
        assertThat(Files.getAttribute(volume.resolve("pg"), "unix:mode")).isEqualTo(040700);
        assertThat(Files.getLastModifiedTime(volume.resolve("pg"))).as("set after its entries were written")
                .isEqualTo(FileTime.fromMillis(1_000_000_000_000L));
        assertThat(Files.readSymbolicLink(volume.resolve("current"))).isEqualTo(Path.of("pg/base"));
        assertThat(Files.getAttribute(volume.resolve("current"), "unix:uid", NOFOLLOW)).isEqualTo(999);
        assertThat(Files.getAttribute(volume, "unix:uid")).isEqualTo(999);
    }

    @Test
    void nothingIsWrittenThroughALinkEvenOneThatTheSnapshotItselfMade() throws IOException {
        try (HostWriter writer = HostWriter.into(new HostVolume(volume))) {
            writer.entry(record("etc", Kind.SYMLINK, 0777, 0, outside.toString()));

            assertThatThrownBy(() -> writer.entry(record("etc/passwd", Kind.FILE, 0644, 4, "")))
                    .isInstanceOf(IOException.class);
            assertThatThrownBy(() -> writer.entry(record("shadow", Kind.HARDLINK, 0, 0, "etc/shadow")))
                    .isInstanceOf(IOException.class);
        }
        try (var written = Files.list(outside)) {
            assertThat(written).isEmpty();
        }
    }

    @Test
    void aHardLinkToALinkAnEntryWrittenTwiceOrAShortFileIsRefused() throws IOException {
        Files.writeString(outside.resolve("secret"), "the host's secret");
        try (HostWriter writer = HostWriter.into(new HostVolume(volume))) {
            writer.entry(record("link", Kind.SYMLINK, 0777, 0, outside.resolve("secret").toString()));
            assertThatThrownBy(() -> writer.entry(record("hard", Kind.HARDLINK, 0, 0, "link")))
                    .isInstanceOf(IOException.class).hasMessageContaining("not a file");

            writer.entry(record("a", Kind.FILE, 0644, 0, ""));
            assertThatThrownBy(() -> writer.entry(record("a", Kind.FILE, 0644, 0, "")))
                    .isInstanceOf(java.nio.file.FileAlreadyExistsException.class);

            writer.entry(record("short", Kind.FILE, 0644, 10, ""));
            writer.content(new byte[3], 0, 3);
            assertThatThrownBy(writer::finish).isInstanceOf(IOException.class).hasMessageContaining("3 of its 10");
        }
        assertThat(Files.getAttribute(outside.resolve("secret"), "unix:nlink")).isEqualTo(1);
    }

    @Test
    void onlyAnEmptyVolumeIsWrittenOnTheHost() throws IOException {
        Files.writeString(volume.resolve("kept"), "someone's data");

        assertThatThrownBy(() -> HostWriter.into(new HostVolume(volume))).isInstanceOf(IOException.class)
                .hasMessageContaining("not empty");
        assertThat(Files.readString(volume.resolve("kept"))).isEqualTo("someone's data");
    }
}
