package dev.berth.docker.internal.volume;

import dev.berth.docker.internal.archive.ArchiveRecord.Kind;
import dev.berth.docker.internal.volume.VolumeListing.Listed;
import dev.berth.docker.internal.volume.VolumeListing.Listing;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A copy checked where it landed, with nothing streamed back: the target's listing and the hashes of its files, made by
 * a helper on the target's node, against the source's listing and the hashes of what was sent. Kind, owner and mode
 * must match for every entry (the volume's root too: a database refuses a data directory of another owner), size for
 * files and links, and content for files; modification times, which a copy sets and a check would only repeat, do not.
 */
final class ListedCopyCheck {
    private ListedCopyCheck() {
    }

    /** The paths where the target differs from the source, in the source's order, then those only the target has. */
    static List<String> differences(Listing source, Map<String, String> sourceSha256, Listing target,
            Map<String, String> targetSha256) {
        List<String> paths = new ArrayList<>();
        for (Listed expected : source.entries().values()) {
            Listed actual = target.entries().get(expected.path());
            if (actual == null || !same(expected, actual) || expected.kind() == Kind.FILE
                    && !sameContent(sourceSha256.get(expected.path()), targetSha256.get(expected.path()))) {
                paths.add(expected.path());
            }
        }
        target.entries().keySet().stream().filter(p -> !source.entries().containsKey(p)).forEach(paths::add);
        return paths;
    }

    private static boolean same(Listed a, Listed b) {
        boolean sized = a.kind() == Kind.FILE || a.kind() == Kind.SYMLINK;
        return a.kind() == b.kind() && a.mode() == b.mode() && a.uid() == b.uid() && a.gid() == b.gid()
                && (!sized || a.size() == b.size());
    }

    private static boolean sameContent(String expected, String actual) {
        return expected != null && !expected.isEmpty() && Objects.equals(expected, actual);
    }
}
