package dev.berth.docker.internal.snapshot;

import dev.berth.SnapshotCorruptedException;
import dev.berth.docker.internal.archive.ArchiveReader;
import dev.berth.docker.internal.archive.ArchiveRecord;
import dev.berth.docker.internal.archive.ProgressMeter;
import dev.berth.docker.internal.common.Sha256;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads a stored snapshot's archive in step with its checksum list, entry by entry: every header is checked for
 * safety, every file is re-hashed, and each is compared with its line; a {@link ArchiveReader.Visitor}
 * can receive the checked entries on the way. Afterwards the list's own checksum is compared with the manifest's.
 * Memory stays flat: nothing is collected but the names of damaged files.
 */
final class SnapshotCheck {
    private static final int LISTED = 1000;
    /** Smaller than the reader's buffer, so that the reader's large reads bypass it, without a copy into it. */
    private static final int BUFFER = 1 << 16;

    private final List<String> damaged = new ArrayList<>();
    private long damagedCount;
    private String problem = "";

    private SnapshotCheck() {
    }

    /**
     * @throws SnapshotCorruptedException naming the damaged files, after the whole archive was read
     * @throws dev.berth.UnsafeArchiveException at the first entry that must not be restored
     */
    static void run(ArchiveStore store, SnapshotManifest m, ArchiveReader.Visitor visitor, ProgressMeter meter)
            throws IOException {
        SnapshotCheck check = new SnapshotCheck();
        MessageDigest listSha = Sha256.digest();
        try (InputStream archive = store.open(m.id(), ArchiveStore.Part.ARCHIVE);
                BufferedReader lines = new BufferedReader(new InputStreamReader(new DigestInputStream(
                        store.open(m.id(), ArchiveStore.Part.CHECKSUMS), listSha), StandardCharsets.UTF_8))) {
            check.compare(new ArchiveReader(meter.counting(new BufferedInputStream(archive, BUFFER))), lines, visitor);
            while (lines.readLine() != null) {
                // read to the end, for the list's own checksum
            }
        }
        if (!("sha256:" + Sha256.hex(listSha.digest())).equals(m.checksum())) {
            check.problem("the checksum list itself does not match the manifest's checksum");
            if (check.damaged.isEmpty()) {
                check.damage("(checksum list)");
            }
        }
        if (!check.damaged.isEmpty()) {
            throw new SnapshotCorruptedException(m.id(), check.damaged, check.problem
                    + (check.damagedCount > check.damaged.size() ? "; " + check.damagedCount + " files in all" : ""));
        }
    }

    private void compare(ArchiveReader reader, BufferedReader lines, ArchiveReader.Visitor visitor)
            throws IOException {
        while (true) {
            ArchiveRecord expected;
            try {
                String line = lines.readLine();
                expected = line == null ? null : ArchiveRecord.parse(line);
            } catch (IOException e) {
                problem("the checksum list is unreadable: " + e.getMessage());
                damage("(checksum list)");
                return;
            }
            ArchiveRecord actual;
            try {
                actual = reader.next(true, visitor);
            } catch (IOException e) {
                problem("the archive cannot be read from there on: " + e.getMessage());
                damageRest(expected, lines);
                return;
            }
            if (expected == null && actual == null) {
                return;
            }
            if (expected == null) {
                problem("the archive has entries its checksum list does not");
                damage(actual.path());
            } else if (actual == null) {
                problem("the archive ends early");
                damageRest(expected, lines);
                return;
            } else if (!expected.equals(actual)) {
                problem("their content or metadata changed");
                damage(expected.path());
            }
        }
    }

    private void damageRest(@Nullable ArchiveRecord expected, BufferedReader lines) throws IOException {
        if (expected != null) {
            damage(expected.path());
        }
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            try {
                damage(ArchiveRecord.parse(line).path());
            } catch (IOException e) {
                damage("(checksum list)");
            }
        }
    }

    private void damage(String path) {
        damagedCount++;
        if (damaged.size() < LISTED) {
            damaged.add(path);
        }
    }

    private void problem(String text) {
        if (problem.isEmpty()) {
            problem = text;
        }
    }
}
