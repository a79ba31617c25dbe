package dev.berth.docker.internal;

import dev.berth.BerthException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a volume's files from one engine to another through the Engine API's archive endpoints, streaming (memory
 * stays flat), hashing every file on the way, then re-reading the target and comparing per-file manifests.
 */
final class VolumeCopier {
    private static final Logger LOG = LoggerFactory.getLogger(VolumeCopier.class);

    /** What was copied and verified. */
    record Copied(long bytes, long files) {
    }

    private VolumeCopier() {
    }

    static Copied copy(Engine from, String source, Engine to, String target, Map<String, String> labels) {
        try (VolumeHelper src = VolumeHelper.open(from, source, true, labels);
                VolumeHelper dst = VolumeHelper.open(to, target, false, labels)) {
            long started = System.nanoTime();
            Map<String, String> sent = stream(src, dst);
            long streamed = System.nanoTime();
            Map<String, String> received;
            try (InputStream back = ArchiveStreams.read(to, dst.id(), VolumeHelper.MOUNT)) {
                received = TarDigest.of(back);
            }
            List<String> differing = differences(sent, received);
            if (!differing.isEmpty()) {
                throw new BerthException("The copy of volume '" + source + "' to '" + target + "' does not match its "
                        + "source in " + differing.size() + " files, such as " + differing.subList(0, Math.min(5,
                        differing.size())) + "; the source is untouched.");
            }
            LOG.info("Copied and verified volume {}: {} files, {} bytes, streamed in {} ms, verified in {} ms", source,
                    sent.size(), TarDigest.bytes(sent), (streamed - started) / 1_000_000,
                    (System.nanoTime() - streamed) / 1_000_000);
            return new Copied(TarDigest.bytes(sent), sent.size());
        } catch (IOException e) {
            throw new BerthException("Copying volume '" + source + "' failed: " + e.getMessage()
                    + "; the source is untouched.", e);
        }
    }

    private static Map<String, String> stream(VolumeHelper src, VolumeHelper dst) throws IOException {
        ChunkPipe chunks = new ChunkPipe();
        InputStream toTarget = chunks.source;
        OutputStream pipe = chunks.sink;
        Engine to = dst.engine();
        CompletableFuture<Void> upload = CompletableFuture.runAsync(() -> {
            try (toTarget) {
                ArchiveStreams.write(to, dst.id(), "/", toTarget);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Map<String, String> manifest;
        try (InputStream out = ArchiveStreams.read(src.engine(), src.id(), VolumeHelper.MOUNT);
                InputStream tee = new TeeInput(out, pipe)) {
            manifest = TarDigest.of(tee);
        } finally {
            pipe.close();
        }
        try {
            upload.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing the target", e);
        } catch (ExecutionException e) {
            throw new IOException("writing the target failed: " + e.getCause().getMessage(), e.getCause());
        }
        return manifest;
    }

    static List<String> differences(Map<String, String> expected, Map<String, String> actual) {
        List<String> paths = new ArrayList<>();
        expected.forEach((path, description) -> {
            if (!description.equals(actual.get(path)) && !path.equals(".")) {
                paths.add(path);
            }
        });
        actual.keySet().stream().filter(p -> !expected.containsKey(p)).forEach(paths::add);
        return paths;
    }
}
