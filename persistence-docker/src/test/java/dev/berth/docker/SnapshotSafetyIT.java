package dev.berth.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.PersistentVolume;
import dev.berth.Snapshot;
import dev.berth.UnsafeArchiveException.Reason;
import dev.berth.UnsafeArchiveException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The safety corpus: archives that try to write outside the volume they are restored into, through an import and
 * through a tampered store. Each is refused with its reason, before anything is written: a canary directory on the
 * host and a canary volume stay empty, no volume of the target's name appears, and no helper is left behind.
 */
class SnapshotSafetyIT {
    @RegisterExtension
    static final EngineFixture engine = new EngineFixture();
    @RegisterExtension
    static final SnapshotFixture snapshots = new SnapshotFixture(engine);
    @TempDir
    static Path canary;
    @TempDir
    static Path work;
    static Properties template;
    static PersistentVolume canaryVolume;

    @BeforeAll
    static void takeATemplateSnapshot() throws IOException {
        PersistentVolume source = snapshots.berth().volume(engine.name("template")).create();
        Snapshot snapshot = source.snapshot("template");
        template = new Properties();
        Path export = work.resolve("template.berth");
        snapshot.exportTo(export);
        try (var in = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(Files.newInputStream(export))) {
            assertThat(in.getNextEntry().getName()).isEqualTo("berth-snapshot/manifest.properties");
            template.load(new java.io.ByteArrayInputStream(in.readAllBytes()));
        }
        canaryVolume = snapshots.berth().volume(engine.name("canary")).create();
    }

    @AfterEach
    void nothingWasWrittenOutside() throws IOException {
        try (Stream<Path> files = Files.list(canary)) {
            assertThat(files).isEmpty();
        }
        assertThat(engine.docker().listContainersCmd().withShowAll(true)
                .withLabelFilter(List.of("dev.berth.helper", EngineFixture.RUN_LABEL + "=" + engine.runId()))
                .exec()).isEmpty();
    }

    @AfterAll
    static void theCanaryVolumeIsEmpty() {
        assertThat(VolumeShell.run(engine, canaryVolume.name(), "ls -A /data")).isEmpty();
    }

    /** Each case: a name, the entries that follow a proper root directory and a harmless file, the expected reason. */
    static Stream<Arguments> corpus() {
        String out = canary.toString();
        return Stream.of(
                Arguments.of("absolute-path", List.of(file(out + "/pwned")), Reason.ABSOLUTE_PATH),
                Arguments.of("dot-dot", List.of(file("berth-volume/../pwned")), Reason.PARENT_REFERENCE),
                Arguments.of("dot-dot-first", List.of(file("../../../../../.." + out + "/pwned")),
                        Reason.PARENT_REFERENCE),
                Arguments.of("outside-root", List.of(file("etc/pwned")), Reason.OUTSIDE_ROOT),
                Arguments.of("symlink-absolute", List.of(symlink("berth-volume/evil", out),
                        file("berth-volume/evil/pwned")), Reason.LINK_ESCAPES),
                Arguments.of("symlink-relative", List.of(symlink("berth-volume/evil", "../../../../../.." + out),
                        file("berth-volume/evil/pwned")), Reason.LINK_ESCAPES),
                Arguments.of("write-through-symlink", List.of(symlink("berth-volume/evil", "sub"),
                        file("berth-volume/evil/pwned")), Reason.THROUGH_LINK),
                Arguments.of("hardlink-absolute", List.of(hardlink("berth-volume/h", out + "/x")), Reason.LINK_ESCAPES),
                Arguments.of("hardlink-relative", List.of(hardlink("berth-volume/h", "../etc/passwd")),
                        Reason.LINK_ESCAPES),
                Arguments.of("symlink-to-root", List.of(symlink("berth-volume/self", ".")), Reason.LINK_TO_ROOT),
                Arguments.of("hardlink-to-root", List.of(hardlink("berth-volume/h", "berth-volume/")),
                        Reason.LINK_TO_ROOT),
                Arguments.of("char-device", List.of(special("berth-volume/null", TarConstants.LF_CHR)),
                        Reason.SPECIAL_FILE),
                Arguments.of("block-device", List.of(special("berth-volume/sda", TarConstants.LF_BLK)),
                        Reason.SPECIAL_FILE),
                Arguments.of("fifo", List.of(special("berth-volume/pipe", TarConstants.LF_FIFO)), Reason.SPECIAL_FILE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void anImportIsRefused(String name, List<TarArchiveEntry> entries, Reason reason) throws IOException {
        String id = "evil-import-" + name;
        Path export = work.resolve(name + ".berth");
        writeExport(export, id, archive(entries));

        assertThatThrownBy(() -> snapshots.berth().snapshots().importFrom(export))
                .isInstanceOfSatisfying(UnsafeArchiveException.class, e -> assertThat(e.reason()).isEqualTo(reason));
        assertThat(snapshots.berth().snapshots().find(id)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void aRestoreFromATamperedStoreIsRefused(String name, List<TarArchiveEntry> entries, Reason reason)
            throws IOException {
        String id = "evil-store-" + name;
        Path dir = Files.createDirectories(snapshots.store().resolve(id));
        Files.write(dir.resolve("archive.tar"), archive(entries));
        Files.write(dir.resolve("checksums.txt"), new byte[0]);
        try (OutputStream out = Files.newOutputStream(dir.resolve("manifest.properties"))) {
            manifest(id).store(out, null);
        }
        Snapshot tampered = snapshots.berth().snapshots().find(id).orElseThrow();
        String target = engine.name("restored-" + name);

        assertThatThrownBy(() -> tampered.restore(target))
                .isInstanceOfSatisfying(UnsafeArchiveException.class, e -> assertThat(e.reason()).isEqualTo(reason));
        assertThat(snapshots.berth().volumes().find(target)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void anImportOfASetuidOrSetgidFileIsRefused() throws IOException {
        for (int bits : new int[] {04755, 02755}) {
            String id = "evil-import-mode-" + Integer.toOctalString(bits);
            Path export = work.resolve(id + ".berth");
            writeExport(export, id, archive(List.of(mode(file("berth-volume/su"), bits))));

            assertThatThrownBy(() -> snapshots.berth().snapshots().importFrom(export))
                    .isInstanceOfSatisfying(UnsafeArchiveException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.PRIVILEGE_BITS));
            assertThat(snapshots.berth().snapshots().find(id)).isEmpty();
        }
    }

    @org.junit.jupiter.api.Test
    void aManifestThatNamesABindOfAHostDirectoryRestoresIntoAPlainVolumeNeverIntoTheHost() throws IOException {
        String id = "evil-bind";
        Properties bind = manifest(id);
        bind.setProperty("volume.option.type", "none");
        bind.setProperty("volume.option.o", "bind");
        bind.setProperty("volume.option.device", canary.toString());
        Path export = work.resolve("bind.berth");
        byte[] archive = archive(List.of());
        ByteArrayOutputStream manifestBytes = new ByteArrayOutputStream();
        bind.setProperty("checksum", "sha256:" + sha256(new byte[0]));
        bind.store(manifestBytes, null);
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(export))) {
            put(tar, "berth-snapshot/manifest.properties", manifestBytes.toByteArray());
            put(tar, "berth-snapshot/checksums.txt", new byte[0]);
            put(tar, "berth-snapshot/archive.tar", archive);
        }
        String target = engine.name("restored-bind");
        try {
            Snapshot imported = snapshots.berth().snapshots().importFrom(export);
            PersistentVolume restored = imported.restore(target);
            assertThat(restored.driver()).isEqualTo("local");
            assertThat(restored.spec().options()).isEmpty();
        } catch (dev.berth.BerthException refused) {
            // refusing it is as good: what matters is that the host directory stays empty (checked after each test)
        } finally {
            snapshots.berth().volumes().find(target).ifPresent(v -> v.delete());
        }
    }

    @org.junit.jupiter.api.Test
    void anExportWithOneByteFlippedIsRefusedEvenWhenTheStoreHoldsTheSnapshotItCameFrom() throws IOException {
        PersistentVolume source = snapshots.berth().volume(engine.name("flip")).create();
        VolumeShell.run(engine, source.name(), "echo the ledger > /data/ledger.txt");
        Snapshot good = source.snapshot("flip");
        Path export = work.resolve("flip.berth");
        good.exportTo(export);
        byte[] bytes = Files.readAllBytes(export);
        int at = indexOf(bytes, "the ledger".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(at).as("the file's content is in the export").isPositive();
        bytes[at] ^= 1;
        Files.write(export, bytes);

        assertThatThrownBy(() -> snapshots.berth().snapshots().importFrom(export))
                .isInstanceOf(dev.berth.SnapshotCorruptedException.class);
        assertThat(snapshots.berth().snapshots().find(good.id())).as("the good one stays").isPresent();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static Properties manifest(String id) {
        Properties manifest = new Properties();
        manifest.putAll(template);
        manifest.setProperty("id", id);
        manifest.setProperty("checksum", "sha256:" + sha256(new byte[0]));
        return manifest;
    }

    private static void writeExport(Path file, String id, byte[] archive) throws IOException {
        ByteArrayOutputStream manifest = new ByteArrayOutputStream();
        manifest(id).store(manifest, null);
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(file))) {
            put(tar, "berth-snapshot/manifest.properties", manifest.toByteArray());
            put(tar, "berth-snapshot/checksums.txt", new byte[0]);
            put(tar, "berth-snapshot/archive.tar", archive);
        }
    }

    /** A proper root and a harmless file, then the case's entries. */
    private static byte[] archive(List<TarArchiveEntry> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.putArchiveEntry(new TarArchiveEntry("berth-volume/"));
            tar.closeArchiveEntry();
            put(tar, "berth-volume/harmless.txt", "nothing to see".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            for (TarArchiveEntry e : entries) {
                tar.putArchiveEntry(e);
                if (e.getSize() > 0) {
                    tar.write(new byte[(int) e.getSize()]);
                }
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static void put(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    private static TarArchiveEntry mode(TarArchiveEntry e, int mode) {
        e.setMode(mode);
        return e;
    }

    private static TarArchiveEntry file(String name) {
        TarArchiveEntry e = new TarArchiveEntry(name, true);
        e.setSize(5);
        return e;
    }

    private static TarArchiveEntry symlink(String name, String target) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
        e.setLinkName(target);
        return e;
    }

    private static TarArchiveEntry hardlink(String name, String target) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_LINK, true);
        e.setLinkName(target);
        return e;
    }

    private static TarArchiveEntry special(String name, byte flag) {
        TarArchiveEntry e = new TarArchiveEntry(name, flag, true);
        e.setDevMajor(1);
        e.setDevMinor(3);
        return e;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
