package dev.berth.docker.internal.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.UnsafeArchiveException.Reason;
import dev.berth.UnsafeArchiveException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArchiveGuardTest {
    private final ArchiveGuard guard = new ArchiveGuard();

    private static TarArchiveEntry file(String name) {
        return new TarArchiveEntry(name, true);
    }

    private static TarArchiveEntry link(String name, byte flag, String target) {
        TarArchiveEntry e = new TarArchiveEntry(name, flag, true);
        e.setLinkName(target);
        return e;
    }

    private Reason refusal(TarArchiveEntry e) {
        try {
            guard.check(e);
        } catch (UnsafeArchiveException refused) {
            assertThat(refused.entry()).isEqualTo(e.getName());
            assertThat(refused).hasMessageContaining("It was not written");
            return refused.reason();
        }
        throw new AssertionError(e.getName() + " was accepted");
    }

    @Test
    void plainEntriesUnderTheRootAreRelativePaths() {
        assertThat(guard.check(file("berth-volume/")).path()).isEqualTo(".");
        assertThat(guard.check(file("berth-volume/a/")).kind()).isEqualTo(ArchiveRecord.Kind.DIRECTORY);
        assertThat(guard.check(file("berth-volume/a/b.txt")).path()).isEqualTo("a/b.txt");
        assertThat(guard.check(link("berth-volume/a/up", TarConstants.LF_SYMLINK, "../a/b.txt")).link())
                .isEqualTo("../a/b.txt");
        assertThat(guard.check(link("berth-volume/hard", TarConstants.LF_LINK, "berth-volume/a/b.txt")).link())
                .isEqualTo("a/b.txt");
    }

    @Test
    void aLinkThatWouldMakeAnEarlierOneClimbOutIsRefusedWhateverTheOrder() {
        guard.check(file("berth-volume/"));
        guard.check(link("berth-volume/a/b/s", TarConstants.LF_SYMLINK, "t/../../../x"));

        assertThat(refusal(link("berth-volume/a/b/t", TarConstants.LF_SYMLINK, ".."))).isEqualTo(Reason.THROUGH_LINK);
    }

    @Test
    void theSameChainInTheOtherOrderIsRefusedToo() {
        guard.check(link("berth-volume/a/b/t", TarConstants.LF_SYMLINK, ".."));

        assertThat(refusal(link("berth-volume/a/b/s", TarConstants.LF_SYMLINK, "t/../../../x")))
                .isEqualTo(Reason.THROUGH_LINK);
    }

    @ParameterizedTest
    @CsvSource({
            "/etc/passwd, ABSOLUTE_PATH",
            "../escape, PARENT_REFERENCE",
            "berth-volume/../escape, PARENT_REFERENCE",
            "berth-volume/a/../../escape, PARENT_REFERENCE",
            "other/file, OUTSIDE_ROOT",
            "berth-volume-2/file, OUTSIDE_ROOT",
            "./berth-volume/file, OUTSIDE_ROOT",
            "berth-volume//file, OUTSIDE_ROOT"})
    void pathsOutsideTheRootAreRefused(String name, Reason reason) {
        assertThat(refusal(file(name))).isEqualTo(reason);
    }

    @ParameterizedTest
    @CsvSource({
            "berth-volume/l, /etc, LINK_ESCAPES",
            "berth-volume/l, ../outside, LINK_ESCAPES",
            "berth-volume/d/l, ../../outside, LINK_ESCAPES",
            "berth-volume/l, ., LINK_TO_ROOT",
            "berth-volume/d/l, .., LINK_TO_ROOT",
            "berth-volume, sub, LINK_TO_ROOT"})
    void symbolicLinksThatLeaveAreRefused(String name, String target, Reason reason) {
        assertThat(refusal(link(name, TarConstants.LF_SYMLINK, target))).isEqualTo(reason);
    }

    @ParameterizedTest
    @CsvSource({
            "/etc/shadow, LINK_ESCAPES",
            "../outside, LINK_ESCAPES",
            "berth-volume/../outside, LINK_ESCAPES",
            "berth-volume, LINK_TO_ROOT",
            "berth-volume/, LINK_TO_ROOT"})
    void hardLinksThatLeaveAreRefused(String target, Reason reason) {
        assertThat(refusal(link("berth-volume/h", TarConstants.LF_LINK, target))).isEqualTo(reason);
    }

    @Test
    void nothingIsWrittenThroughASymbolicLink() {
        guard.check(link("berth-volume/l", TarConstants.LF_SYMLINK, "a"));

        assertThat(refusal(file("berth-volume/l/passwd"))).isEqualTo(Reason.THROUGH_LINK);
        assertThat(refusal(file("berth-volume/l"))).isEqualTo(Reason.THROUGH_LINK);
        assertThat(refusal(link("berth-volume/h", TarConstants.LF_LINK, "berth-volume/l/x")))
                .isEqualTo(Reason.THROUGH_LINK);
        assertThat(refusal(link("berth-volume/d/e/l2", TarConstants.LF_SYMLINK, "../../l/../..")))
                .isEqualTo(Reason.THROUGH_LINK);
    }

    @ParameterizedTest
    @CsvSource({"CHAR_DEVICE", "BLOCK_DEVICE", "FIFO"})
    void specialFilesAreRefused(String kind) {
        byte flag = switch (kind) {
            case "CHAR_DEVICE" -> TarConstants.LF_CHR;
            case "BLOCK_DEVICE" -> TarConstants.LF_BLK;
            default -> TarConstants.LF_FIFO;
        };
        assertThat(refusal(new TarArchiveEntry("berth-volume/dev", flag, true))).isEqualTo(Reason.SPECIAL_FILE);
    }

    @Test
    void theRootMustBeADirectory() {
        assertThat(refusal(file("berth-volume"))).isEqualTo(Reason.LINK_TO_ROOT);
    }

    @Test
    void theMessageSaysWhatToDo() {
        assertThatThrownBy(() -> guard.check(file("../escape")))
                .hasMessageContaining("'../escape'").hasMessageContaining("do not restore it");
    }
}
