package dev.berth.docker.internal.volume;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.docker.internal.archive.ArchiveRecord;
import dev.berth.docker.internal.archive.ArchiveRecord.Kind;
import dev.berth.docker.internal.volume.VolumeListing.Listed;
import dev.berth.docker.internal.volume.VolumeListing.Listing;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a move sends again once its container has stopped, after copying while it ran: exactly what may have changed
 * since the copy began, and nothing the target already holds as the source does.
 */
class PreCopyDeltaTest {
    private static final long LISTED_AT = 1_000;

    private final Map<String, Listed> before = new LinkedHashMap<>();
    private final Map<String, Listed> after = new LinkedHashMap<>();
    private final Map<String, ArchiveRecord> sent = new HashMap<>();
    private final Map<String, String> landed = new HashMap<>();

    private static Listed entry(String path, Kind kind, long size, long ctime, long inode) {
        return new Listed(path, kind, 0644, 0, 0, ctime, ctime, inode, size, 1);
    }

    /** An entry listed, sent and landed as it was, before the copy began; unchanged after, unless replaced there. */
    private void copied(Listed e) {
        before.put(e.path(), e);
        after.put(e.path(), e);
        String sha = e.kind() == Kind.FILE ? "sha-" + e.path() : "";
        sent.put(e.path(), new ArchiveRecord(e.path(), e.kind(), e.mode(), e.uid(), e.gid(), e.mtime(), e.size(), "",
                sha));
        if (e.kind() == Kind.FILE) {
            landed.put(e.path(), sha);
        }
    }

    private PreCopyDelta delta() {
        return PreCopyDelta.between(new Listing(LISTED_AT, before), sent, landed, new Listing(LISTED_AT + 60, after));
    }

    private void volume() {
        copied(entry(".", Kind.DIRECTORY, 0, 900, 1));
        copied(entry("db", Kind.DIRECTORY, 0, 900, 2));
        copied(entry("db/table", Kind.FILE, 4096, 900, 3));
        copied(entry("db/log", Kind.FILE, 100, 900, 4));
        copied(entry("link", Kind.SYMLINK, 8, 900, 5));
    }

    @Test
    void whatDidNotChangeIsNotSentAgain() {
        volume();

        assertThat(delta().isEmpty()).isTrue();
    }

    @Test
    void aFileWrittenDuringTheCopyIsSentAgainEvenWithTheSameSizeAndModificationTime() {
        volume();
        Listed log = after.get("db/log");
        after.put("db/log", new Listed(log.path(), log.kind(), log.mode(), 0, 0, log.mtime(), 1_010, log.inode(),
                log.size(), 1));

        assertThat(delta().send()).containsExactly("db/log");
        assertThat(delta().delete()).isEmpty();
    }

    @Test
    void aFileChangedInTheSecondTheListingBeganIsSentAgain() {
        volume();
        Listed racy = entry("db/racy", Kind.FILE, 10, LISTED_AT, 9);
        copied(racy);

        assertThat(delta().send()).containsExactly("db/racy");
    }

    @Test
    void aFileThatLandedOtherwiseThanItWasSentIsSentAgain() {
        volume();
        landed.put("db/table", "sha-of-something-else");

        assertThat(delta().send()).containsExactly("db/table");
    }

    @Test
    void aFileTheCopyMissedIsSent() {
        volume();
        sent.remove("db/log");

        assertThat(delta().send()).containsExactly("db/log");
    }

    @Test
    void aNewDirectoryIsSentWholeAndNothingUnderItOnItsOwn() {
        volume();
        after.put("new", entry("new", Kind.DIRECTORY, 0, 1_020, 10));
        after.put("new/a", entry("new/a", Kind.FILE, 1, 1_020, 11));
        after.put("new/deeper", entry("new/deeper", Kind.DIRECTORY, 0, 1_020, 12));
        after.put("new/deeper/b", entry("new/deeper/b", Kind.FILE, 1, 1_020, 13));

        assertThat(delta().send()).containsExactly("new");
        assertThat(delta().directoriesToRestore(new Listing(LISTED_AT, before), new Listing(LISTED_AT, after)))
                .extracting(Listed::path).containsExactly(".", "new", "new/deeper");
    }

    @Test
    void whatIsGoneIsDeletedOnceAndADirectoryGoneIsDeletedWhole() {
        volume();
        after.remove("db");
        after.remove("db/table");
        after.remove("db/log");
        after.remove("link");

        assertThat(delta().delete()).containsExactly("db", "link");
        assertThat(delta().send()).isEmpty();
    }

    @Test
    void anEntryOfAnotherKindNowIsDeletedThenSent() {
        volume();
        after.put("link", entry("link", Kind.FILE, 3, 1_030, 20));

        assertThat(delta().delete()).containsExactly("link");
        assertThat(delta().send()).containsExactly("link");
    }

    @Test
    void theDirectoriesAboveWhatChangedGetTheirOwnersModesAndTimesBack() {
        volume();
        Listed log = after.get("db/log");
        after.put("db/log", new Listed(log.path(), log.kind(), log.mode(), 0, 0, 1_010, 1_010, log.inode(), 200, 1));

        PreCopyDelta delta = delta();

        assertThat(delta.directoriesToRestore(new Listing(LISTED_AT, before), new Listing(LISTED_AT, after)))
                .extracting(Listed::path).containsExactly(".", "db");
    }

    @Test
    void theCheckOnTheTargetNamesEveryEntryThatDiffersAndNothingElse() {
        volume();
        Map<String, String> expected = new HashMap<>();
        sent.forEach((p, r) -> expected.put(p, r.sha256()));
        Map<String, Listed> target = new LinkedHashMap<>(after);
        Listed table = target.get("db/table");
        target.put("db/table", new Listed(table.path(), table.kind(), 0600, 0, 0, 1, 1, 77, table.size(), 1));
        target.put("stray", entry("stray", Kind.FILE, 1, 1, 78));
        Map<String, String> actual = new HashMap<>(landed);
        actual.put("db/log", "sha-torn");

        List<String> differing = ListedCopyCheck.differences(new Listing(0, after), expected, new Listing(0, target),
                actual);

        assertThat(differing).containsExactly("db/table", "db/log", "stray");
        assertThat(ListedCopyCheck.differences(new Listing(0, after), expected, new Listing(0, after), landed))
                .isEmpty();
    }

    @Test
    void sha256sumsOutputIsReadBackWithGnusEscapes() {
        String sha = "a".repeat(64);
        String out = sha + "  ./plain name\n\\" + sha + "  ./back\\\\slash\\nline\n" + sha + " *./binary\n";

        assertThat(VolumeScripts.sums(out)).containsEntry("plain name", sha).containsEntry("back\\slash\nline", sha)
                .containsEntry("binary", sha).hasSize(3);
    }

    @Test
    void scriptsQuoteEveryName() {
        assertThat(VolumeScripts.delete(List.of("it's -rf"))).contains("rm -rf './it'\\''s -rf'");
    }
}
