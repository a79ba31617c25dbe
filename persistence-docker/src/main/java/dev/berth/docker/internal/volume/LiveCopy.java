package dev.berth.docker.internal.volume;

import dev.berth.BerthException;
import dev.berth.docker.internal.archive.ArchiveGuard;
import dev.berth.docker.internal.archive.ArchiveRecord;
import dev.berth.docker.internal.archive.ArchiveRecord.Kind;
import dev.berth.docker.internal.archive.VolumeDigest;
import dev.berth.docker.internal.node.EngineContext;
import dev.berth.docker.internal.volume.VolumeListing.Listed;
import dev.berth.docker.internal.volume.VolumeListing.Listing;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A LOCAL volume copied to another node while its container still runs, then finished once it has stopped, so that
 * the container is down only for what changed meanwhile. While it runs: the volume is listed next to its data, sent
 * through both engines (every file hashed on the way), and every file that landed is hashed by a helper on the target
 * as the copy goes on ({@link LandedHasher}), then flushed to its disk.
 * Once stopped: listed again, what changed ({@link PreCopyDelta}) is deleted or sent again, the directories get their
 * owners, modes and times back, and the target is checked where it is ({@link ListedCopyCheck}): nothing streams back.
 * A volume with hard links, or that its helper cannot list, is copied with its container stopped instead.
 */
final class LiveCopy implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveCopy.class);

    private final String source;
    private final String target;
    private final ArchiveHelper src;
    private final ArchiveHelper dst;
    private final Listing before;
    private final Map<String, ArchiveRecord> sent;
    private final Map<String, String> landed;

    private LiveCopy(String source, String target, ArchiveHelper src, ArchiveHelper dst, Listing before,
            Map<String, ArchiveRecord> sent, Map<String, String> landed) {
        this.source = source;
        this.target = target;
        this.src = src;
        this.dst = dst;
        this.before = before;
        this.sent = sent;
        this.landed = landed;
    }

    /**
     * Copies {@code source} into the empty {@code target} while its container runs; empty, with the target emptied
     * again, when it cannot be copied so: the copy is then made with the container stopped.
     */
    static Optional<LiveCopy> start(EngineContext from, String source, EngineContext to, String target) {
        ArchiveHelper src = null;
        ArchiveHelper dst = null;
        try {
            src = ArchiveHelper.readingAndRunning(from, source);
            dst = ArchiveHelper.writingAndRunning(to, target);
            Optional<Listing> before = VolumeListing.of(src, source).filter(LiveCopy::withoutHardLinks);
            if (before.isEmpty()) {
                LOG.info("Volume {} is copied with its container stopped: its helper cannot list it, or it has hard "
                        + "links", source);
                closeBoth(src, dst);
                return Optional.empty();
            }
            long started = System.nanoTime();
            Map<String, ArchiveRecord> sent;
            Map<String, String> landed;
            long streamed;
            // a helper of its own: the engine holds the writing one while it extracts into it
            try (ArchiveHelper reader = ArchiveHelper.readingAndRunning(to, target);
                    LandedHasher hasher = new LandedHasher(reader, "Hashing the copy of volume '" + source
                            + "' on node " + to.node().id())) {
                sent = VolumeCopier.normalized(VolumeCopier.relay(src::download, dst, hasher));
                streamed = System.nanoTime();
                landed = hasher.all();
            }
            long hashed = System.nanoTime();
            // durable on the target before the container stops (and its writes not queued behind the copy's)
            dst.exec("sync", "Flushing the copy of volume '" + source + "' to disk on node " + to.node().id(), "sync");
            LOG.info("Copied volume {} while its container runs: {} entries, {} bytes in {} ms, hashed on node {} as "
                    + "it landed ({} ms more), flushed in {} ms", source, sent.size(), VolumeDigest.bytes(sent),
                    (streamed - started) / 1_000_000, to.node().id(), (hashed - streamed) / 1_000_000,
                    (System.nanoTime() - hashed) / 1_000_000);
            return Optional.of(new LiveCopy(source, target, src, dst, before.get(), sent, landed));
        } catch (RuntimeException e) {
            LOG.info("Copying volume {} while its container runs failed ({}): it is copied with the container "
                    + "stopped", source, e.getMessage());
            closeBoth(src, dst);
            try (ArchiveHelper wipe = ArchiveHelper.writing(to, target, true)) {
                wipe.wipe();
            }
            return Optional.empty();
        }
    }

    /**
     * With the container stopped: sends what changed since the copy began, and checks the target on its node. Returns
     * what the volume holds (all of it was copied, most of it before the container stopped).
     */
    VolumeCopier.Copied finish() {
        Timings took = new Timings();
        String where = "volume '" + source + "'";
        Listing after = VolumeListing.of(src, source).filter(LiveCopy::withoutHardLinks).orElseThrow(
                () -> new BerthException("Listing " + where + " again, with its container stopped, failed, or it has "
                        + "hard links now; the source is untouched. Move it again."));
        took.mark("listing");
        PreCopyDelta delta = PreCopyDelta.between(before, sent, landed, after);
        if (!delta.delete().isEmpty()) {
            dst.execScript(VolumeScripts.delete(delta.delete()), "Deleting what is gone from " + where
                    + " in its copy", VolumeScripts.NEEDS);
        }
        took.mark("deleting");
        Map<String, ArchiveRecord> resent = Map.of();
        if (!delta.send().isEmpty()) {
            src.execScript(VolumeScripts.stage(delta.send()), "Gathering what changed in " + where,
                    VolumeScripts.NEEDS);
            resent = VolumeCopier.normalized(VolumeCopier.relay(
                    () -> src.download(VolumeScripts.STAGE + "/" + ArchiveGuard.ROOT), dst));
        }
        took.mark("sending");
        List<Listed> directories = delta.directoriesToRestore(before, after);
        dst.execScript(VolumeScripts.restoreDirectories(directories), "Setting the directories of the copy of "
                + where, VolumeScripts.NEEDS);
        took.mark("directories");
        Map<String, String> expected = new HashMap<>();
        sent.forEach((path, r) -> expected.put(path, r.sha256()));
        resent.forEach((path, r) -> expected.put(path, r.sha256()));
        Map<String, String> actual = new HashMap<>(landed);
        List<String> resentFiles = files(resent);
        if (!resentFiles.isEmpty()) {
            actual.putAll(VolumeScripts.sums(dst.execScript(VolumeScripts.hash(resentFiles),
                    "Hashing what was sent again of " + where, VolumeScripts.NEEDS)));
        }
        took.mark("hashing");
        Listing copy = VolumeListing.of(dst, target).orElseThrow(() -> new BerthException("Listing the copy of "
                + where + " failed; the source is untouched. Move it again."));
        took.mark("listing the target");
        List<String> differing = ListedCopyCheck.differences(after, expected, copy, actual);
        if (!differing.isEmpty()) {
            throw new BerthException("The copy of " + where + " does not match its source in " + differing.size()
                    + " entries, such as " + differing.subList(0, Math.min(5, differing.size()))
                    + "; the source is untouched.");
        }
        long bytes = after.entries().values().stream().filter(e -> e.kind() == Kind.FILE).mapToLong(Listed::size)
                .sum();
        LOG.info("Finished copying volume {} with its container stopped: {} entries deleted, {} sent again ({} "
                + "bytes), {} entries checked on the target; {}", source, delta.delete().size(), resent.size(),
                VolumeDigest.bytes(resent), after.entries().size(), took);
        return new VolumeCopier.Copied(bytes, after.entries().size());
    }

    /** How long each step took, for the log. */
    private static final class Timings {
        private final StringBuilder steps = new StringBuilder();
        private long last = System.nanoTime();

        void mark(String step) {
            long now = System.nanoTime();
            steps.append(steps.length() == 0 ? "" : ", ").append(step).append(' ').append((now - last) / 1_000_000)
                    .append(" ms");
            last = now;
        }

        @Override
        public String toString() {
            return steps.toString();
        }
    }

    /** The files among what was sent again, by their paths relative to the volume's root. */
    private static List<String> files(Map<String, ArchiveRecord> resent) {
        return resent.entrySet().stream().filter(e -> e.getValue().kind() == Kind.FILE).map(Map.Entry::getKey)
                .toList();
    }

    private static boolean withoutHardLinks(Listing listing) {
        return listing.entries().values().stream().noneMatch(e -> e.kind() == Kind.FILE && e.links() > 1);
    }

    private static void closeBoth(ArchiveHelper src, ArchiveHelper dst) {
        try {
            if (src != null) {
                src.close();
            }
        } finally {
            if (dst != null) {
                dst.close();
            }
        }
    }

    /** Removes both helpers; the target volume, which the move made, is then free to delete or to start on. */
    @Override
    public void close() {
        closeBoth(src, dst);
    }
}
