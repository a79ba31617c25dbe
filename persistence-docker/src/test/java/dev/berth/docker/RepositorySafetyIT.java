package dev.berth.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.PersistentVolume;
import dev.berth.Snapshot;
import dev.berth.SnapshotCorruptedException;
import dev.berth.UnsafeArchiveException;
import dev.berth.UnsafeArchiveException.Reason;
import dev.berth.docker.internal.archive.ArchiveRecord;
import dev.berth.docker.internal.archive.ArchiveRecord.Kind;
import dev.berth.docker.internal.repository.Repository;
import dev.berth.docker.internal.repository.SnapshotWriter;
import dev.berth.docker.internal.repository.TreeEntry;
import dev.berth.docker.internal.snapshot.LocalSnapshotStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository format's own tar-slip and tamper corpus: trees written straight into the store with entries that
 * reach outside the volume, links that escape, special files and content that does not match. A restore of each is
 * refused before anything is written outside, and leaves no volume behind.
 */
class RepositorySafetyIT {
    @RegisterExtension
    static final EngineFixture engine = new EngineFixture();
    @RegisterExtension
    static final SnapshotFixture snapshots = new SnapshotFixture(engine);
    @TempDir
    static Path canary;
    static Map<String, String> template;
    static Repository repository;

    @BeforeAll
    static void takeATemplateSnapshot() throws IOException {
        PersistentVolume source = snapshots.berth().volume(engine.name("template")).create();
        Snapshot snapshot = source.snapshot("template");
        repository = Repository.open(new LocalSnapshotStore(snapshots.store()), Optional.empty());
        template = repository.snapshot(snapshot.id()).orElseThrow().properties();
    }

    @AfterEach
    void nothingWasWrittenOutside() throws IOException {
        try (Stream<Path> files = Files.list(canary)) {
            assertThat(files).isEmpty();
        }
    }

    private static ArchiveRecord record(String path, Kind kind, String link) {
        return new ArchiveRecord(path, kind, kind == Kind.DIRECTORY ? 0755 : 0644, 0, 0, 1, 0, link, "");
    }

    static Stream<Arguments> corpus() {
        String out = canary.toString();
        return Stream.of(
                Arguments.of("dot-dot", List.of(record("../pwned", Kind.FILE, "")), Reason.PARENT_REFERENCE),
                Arguments.of("dot-dot-inside", List.of(record("a/../../pwned", Kind.FILE, "")), Reason.PARENT_REFERENCE),
                Arguments.of("absolute-path", List.of(record(out + "/pwned", Kind.FILE, "")), null),
                Arguments.of("symlink-absolute", List.of(record("evil", Kind.SYMLINK, out),
                        record("evil/pwned", Kind.FILE, "")), Reason.LINK_ESCAPES),
                Arguments.of("symlink-relative", List.of(record("evil", Kind.SYMLINK, "../../../../../.." + out)),
                        Reason.LINK_ESCAPES),
                Arguments.of("write-through-symlink", List.of(record("sub", Kind.DIRECTORY, ""),
                        record("evil", Kind.SYMLINK, "sub"), record("evil/pwned", Kind.FILE, "")), Reason.THROUGH_LINK),
                Arguments.of("hardlink-out", List.of(record("h", Kind.HARDLINK, "../etc/passwd")), Reason.LINK_ESCAPES),
                Arguments.of("symlink-to-root", List.of(record("self", Kind.SYMLINK, ".")), Reason.LINK_TO_ROOT),
                Arguments.of("special-file", List.of(record("null", Kind.SPECIAL, "")), Reason.SPECIAL_FILE));
    }

    private static String write(String id, List<ArchiveRecord> entries, Map<String, List<String>> chunks)
            throws IOException {
        try (SnapshotWriter writer = repository.write()) {
            writer.entry(new TreeEntry(record(".", Kind.DIRECTORY, ""), 0, 0, List.of()));
            for (ArchiveRecord r : entries) {
                writer.entry(new TreeEntry(r, 0, 0, chunks.getOrDefault(r.path(), List.of())));
            }
            Map<String, String> properties = new HashMap<>(template);
            properties.put("id", id);
            properties.put("checksum", writer.checksum());
            writer.commit(id, properties, "", 0);
        }
        return id;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void aRestoreOfAHostileTreeIsRefused(String name, List<ArchiveRecord> entries, Reason reason) throws IOException {
        Snapshot hostile = snapshots.berth().snapshots().find(write("evil-tree-" + name, entries, Map.of()))
                .orElseThrow();
        String target = engine.name("restored-" + name);

        assertThatThrownBy(() -> hostile.restore(target)).isInstanceOfSatisfying(UnsafeArchiveException.class,
                e -> assertThat(reason == null || e.reason() == reason).as(e.reason().toString()).isTrue());
        assertThat(snapshots.berth().volumes().find(target)).isEmpty();
    }

    private static TreeEntry fileOf(Snapshot snapshot, String path) throws IOException {
        var reader = repository.reader(repository.snapshot(snapshot.id()).orElseThrow());
        for (TreeEntry e = reader.next(); e != null; e = reader.next()) {
            if (e.record().path().equals(path)) {
                return e;
            }
        }
        throw new AssertionError(path + " is not in snapshot " + snapshot.id());
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"wrong-hash", "chunk-longer-than-the-file"})
    void aFileWhoseContentDoesNotMatchItsEntryIsNeverRestored(String name) throws IOException {
        PersistentVolume seed = snapshots.berth().volume(engine.name("seed-" + name)).create();
        VolumeShell.run(engine, seed.name(), "echo hello > /data/a.txt");
        TreeEntry real = fileOf(seed.snapshot("real"), "a.txt");
        ArchiveRecord r = real.record();
        ArchiveRecord tampered = name.equals("wrong-hash")
                ? new ArchiveRecord("a.txt", Kind.FILE, r.mode(), r.uid(), r.gid(), r.mtime(), r.size(), "", "0".repeat(64))
                : new ArchiveRecord("a.txt", Kind.FILE, r.mode(), r.uid(), r.gid(), r.mtime(), 3, "", r.sha256());
        String id = write("evil-content-" + name, List.of(tampered), Map.of("a.txt", real.chunks()));
        String target = engine.name("restored-" + name);

        assertThatThrownBy(() -> snapshots.berth().snapshots().find(id).orElseThrow().restore(target))
                .isInstanceOfSatisfying(SnapshotCorruptedException.class,
                        e -> assertThat(e.damagedFiles()).containsExactly("a.txt"));
        assertThat(snapshots.berth().volumes().find(target)).isEmpty();
    }
}
