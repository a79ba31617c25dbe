package dev.berth.docker.internal.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.docker.internal.archive.ArchiveRecord;
import dev.berth.docker.internal.volume.VolumeListing.Listed;
import dev.berth.docker.internal.volume.VolumeListing.Listing;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A volume read from its directory: what is listed, and that a container's links never lead Berth out of it. */
class HostVolumeTest {
    @TempDir
    Path root;
    Path volume;
    Path outside;

    @BeforeEach
    void volumeAndHostFiles() throws IOException {
        volume = Files.createDirectories(root.resolve("volumes/data/_data"));
        outside = Files.createDirectories(root.resolve("host"));
        Files.writeString(outside.resolve("secret"), "the host's secret");
        Files.createDirectories(volume.resolve("a"));
        Files.writeString(volume.resolve("a/x"), "volume data");
        Files.writeString(volume.resolve("a/y"), "more");
        Files.writeString(volume.resolve("b"), "bee");
        Files.writeString(volume.resolve("B"), "upper");
    }

    @Test
    void listsEveryEntryDirectoriesFirstNamesInByteOrderWithWhatTellsAChange() throws IOException {
        try (HostVolume host = new HostVolume(volume)) {
            Listing listing = host.list().orElseThrow();

            assertThat(listing.entries().keySet()).containsExactly(".", "B", "a", "a/x", "a/y", "b");
            Listed x = listing.entries().get("a/x");
            assertThat(x.kind()).isEqualTo(ArchiveRecord.Kind.FILE);
            assertThat(x.size()).isEqualTo(11);
            assertThat(x.inode()).isEqualTo(Files.getAttribute(volume.resolve("a/x"), "unix:ino"));
            assertThat(x.mode()).isEqualTo((Integer) Files.getAttribute(volume.resolve("a/x"), "unix:mode") & 07777);
            assertThat(listing.entries().get("a").kind()).isEqualTo(ArchiveRecord.Kind.DIRECTORY);
            try (InputStream in = host.open("a/x")) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("volume data");
            }
            try (InputStream in = host.open("b")) {
                assertThat(in.readAllBytes()).asString(StandardCharsets.UTF_8).isEqualTo("bee");
            }
        }
    }

    @Test
    void aLinkToTheHostIsRecordedAsALinkAndNeverFollowed() throws IOException {
        Files.createSymbolicLink(volume.resolve("etc"), outside);
        Files.createSymbolicLink(volume.resolve("secret"), outside.resolve("secret"));
        try (HostVolume host = new HostVolume(volume)) {
            Listing listing = host.list().orElseThrow();

            assertThat(listing.entries().get("etc").kind()).isEqualTo(ArchiveRecord.Kind.SYMLINK);
            assertThat(listing.entries()).doesNotContainKey("etc/secret");
            assertThat(host.link("secret")).isEqualTo(outside.resolve("secret").toString());
            assertThatThrownBy(() -> host.open("secret").close()).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> host.open("etc/secret").close()).isInstanceOf(IOException.class);
        }
    }

    @Test
    void aDirectorySwappedForALinkToTheHostAfterListingFailsTheReadAndShowsNothingOfTheHost() throws IOException {
        Files.writeString(outside.resolve("x"), "the host's file");
        try (HostVolume host = new HostVolume(volume)) {
            host.list().orElseThrow();
            Files.move(volume.resolve("a"), volume.resolve("a.old"));
            Files.createSymbolicLink(volume.resolve("a"), outside);

            assertThatThrownBy(() -> host.open("a/x").close()).isInstanceOf(IOException.class)
                    .hasMessageContaining("'a' changed while the snapshot was taken");
        }
    }

    @Test
    void aFileSwappedAfterListingFailsTheReadRatherThanTakingAnotherFile() throws IOException {
        try (HostVolume host = new HostVolume(volume)) {
            host.list().orElseThrow();
            Files.delete(volume.resolve("b"));
            Files.createSymbolicLink(volume.resolve("b"), outside.resolve("secret"));

            // the link may get the file's inode number again; then opening without following links is what refuses it
            assertThatThrownBy(() -> host.open("b").close()).isInstanceOf(IOException.class)
                    .hasMessageMatching("(?s).*('b' changed while the snapshot was taken|symbolic links).*");
            Files.delete(volume.resolve("b"));
            Files.writeString(volume.resolve("b"), "another bee");
            assertThatThrownBy(() -> host.open("b").close()).isInstanceOf(IOException.class);
        }
    }

    @Test
    void aHardLinkAFifoOrANameThatIsNotUtf8SendsTheVolumeThroughTheEngine() throws Exception {
        try (HostVolume host = new HostVolume(volume)) {
            assertThat(host.list()).isPresent();
            Files.createLink(volume.resolve("a/z"), volume.resolve("a/x"));
            assertThat(host.list()).as("a hard link").isEmpty();
            Files.delete(volume.resolve("a/z"));

            run("mkfifo", volume.resolve("a/pipe").toString());
            assertThat(Files.readAttributes(volume.resolve("a/pipe"), java.nio.file.attribute.BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS).isOther()).isTrue();
            assertThat(host.list()).as("a FIFO, which would block a reader").isEmpty();
            Files.delete(volume.resolve("a/pipe"));

            run("sh", "-c", "touch \"$(printf 'bad\\377name')\"", volume.toString());
            assertThat(host.list()).as("a name in bytes that are not UTF-8").isEqualTo(Optional.empty());
        }
    }

    private static void run(String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        if (command[0].equals("sh")) {
            builder = new ProcessBuilder(command[0], command[1], command[2]).directory(Path.of(command[3]).toFile());
        }
        assertThat(builder.start().waitFor()).isZero();
    }
}
