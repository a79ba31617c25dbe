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
import java.util.concurrent.atomic.AtomicReference;
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

    static Copied copy(EngineContext from, String source, EngineContext to, String target) {
        try (ArchiveHelper src = ArchiveHelper.reading(from, source);
                ArchiveHelper dst = ArchiveHelper.writing(to, target, false)) {
            long started = System.nanoTime();
            AtomicReference<Map<String, ArchiveRecord>> sent = new AtomicReference<>();
            dst.upload(body -> {
                try (InputStream tar = src.download()) {
                    sent.set(VolumeDigest.of(new TeeInput(tar, body)));
                }
            });
            long streamed = System.nanoTime();
            Map<String, ArchiveRecord> received;
            try (InputStream back = dst.download()) {
                received = VolumeDigest.of(back);
            }
            List<String> differing = VolumeDigest.differences(sent.get(), received);
            if (!differing.isEmpty()) {
                throw new BerthException("The copy of volume '" + source + "' to '" + target + "' does not match its "
                        + "source in " + differing.size() + " files, such as " + differing.subList(0, Math.min(5,
                        differing.size())) + "; the source is untouched.");
            }
            long files = sent.get().size();
            long bytes = VolumeDigest.bytes(sent.get());
            LOG.info("Copied and verified volume {}: {} files, {} bytes, streamed in {} ms, verified in {} ms", source,
                    files, bytes, (streamed - started) / 1_000_000, (System.nanoTime() - streamed) / 1_000_000);
            return new Copied(bytes, files);
        } catch (IOException | UncheckedIOException e) {
            throw new BerthException("Copying volume '" + source + "' failed: " + e.getMessage()
                    + "; the source is untouched.", e);
        }
    }
}
