package dev.berth.docker.internal.volume;

import dev.berth.BerthException;
import dev.berth.docker.internal.archive.ArchiveRecord;
import dev.berth.docker.internal.archive.TeeInput;
import dev.berth.docker.internal.archive.VolumeDigest;
import dev.berth.docker.internal.node.EngineContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a volume's files from one engine to another through the Engine API's archive endpoints in one pass: the
 * source's tar is relayed to the target as it streams (memory stays flat) and every file is hashed on the way; then
 * the target is read back and its per-file manifest compared with the source's. A transient failure of the upload
 * starts the copy over from the source.
 */
final class VolumeCopier {
    private static final Logger LOG = LoggerFactory.getLogger(VolumeCopier.class);

    /** What was copied and verified. */
    record Copied(long bytes, long files) {
    }

    private VolumeCopier() {
    }

    /**
     * Extracts the tar that {@code source} opens into the helper's volume as it streams, and returns what it held,
     * every file hashed on the way, by path relative to the volume's root (see {@link #normalized}).
     */
    static Map<String, ArchiveRecord> relay(Supplier<InputStream> source, ArchiveHelper dst) {
        return relay(source, dst, (record, offset) -> { });
    }

    /** The same, telling {@code progress} of each entry once it is sent whole (not yet written by the engine). */
    static Map<String, ArchiveRecord> relay(Supplier<InputStream> source, ArchiveHelper dst,
            VolumeDigest.Progress progress) {
        AtomicReference<Map<String, ArchiveRecord>> sent = new AtomicReference<>();
        dst.upload(body -> {
            try (InputStream tar = source.get()) {
                sent.set(VolumeDigest.of(new TeeInput(tar, body), progress));
            }
        });
        return sent.get();
    }

    /** The records by path as a listing names them: a directory without its trailing slash, the root as {@code .}. */
    static Map<String, ArchiveRecord> normalized(Map<String, ArchiveRecord> records) {
        Map<String, ArchiveRecord> named = new TreeMap<>();
        records.forEach((path, r) -> {
            String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            named.put(trimmed.isEmpty() ? "." : trimmed, r);
        });
        return named;
    }

    static Copied copy(EngineContext from, String source, EngineContext to, String target) {
        try (ArchiveHelper src = ArchiveHelper.reading(from, source);
                ArchiveHelper dst = ArchiveHelper.writing(to, target, false)) {
            long started = System.nanoTime();
            Map<String, ArchiveRecord> sent = relay(src::download, dst);
            long streamed = System.nanoTime();
            Map<String, ArchiveRecord> received;
            try (InputStream back = dst.download()) {
                received = VolumeDigest.of(back);
            }
            List<String> differing = VolumeDigest.differences(sent, received);
            if (!differing.isEmpty()) {
                throw new BerthException("The copy of volume '" + source + "' to '" + target + "' does not match its "
                        + "source in " + differing.size() + " files, such as " + differing.subList(0, Math.min(5,
                        differing.size())) + "; the source is untouched.");
            }
            long files = sent.size();
            long bytes = VolumeDigest.bytes(sent);
            LOG.info("Copied and verified volume {}: {} files, {} bytes, streamed in {} ms, verified in {} ms", source,
                    files, bytes, (streamed - started) / 1_000_000, (System.nanoTime() - streamed) / 1_000_000);
            return new Copied(bytes, files);
        } catch (IOException | UncheckedIOException e) {
            throw new BerthException("Copying volume '" + source + "' failed: " + e.getMessage()
                    + "; the source is untouched.", e);
        }
    }
}
