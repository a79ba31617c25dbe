package dev.berth.docker;

import dev.berth.Berth;
import dev.berth.Progress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A Berth connection for snapshot *IT: the {@link EngineFixture}'s settings with a snapshot store in a temporary
 * directory and a listener that records every progress report. Register it after the engine fixture, so that it
 * closes first; the engine fixture then removes the run's volumes and containers.
 */
final class SnapshotFixture implements AfterAllCallback {
    private final Path store;
    private final List<Progress> reports = Collections.synchronizedList(new ArrayList<>());
    private final Berth berth;

    SnapshotFixture(EngineFixture engine) {
        try {
            store = Files.createTempDirectory("berth-snapshots-it-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        berth = Berth.connect(engine.settings().toBuilder().snapshotDirectory(store).progressListener(reports::add)
                .build());
    }

    Berth berth() {
        return berth;
    }

    /** The local store's directory. */
    Path store() {
        return store;
    }

    /**
     * Flips a byte of a marker where the repository keeps it, in one of its packs (small files stay raw, so the
     * marker is there as written), and returns that pack. The marker must be unique to the test: the store keeps
     * equal content once, so a marker that other snapshots hold too would damage them as well.
     */
    Path flipInPack(String marker) throws IOException {
        List<Path> flipped = new ArrayList<>();
        try (Stream<Path> packs = Files.walk(store.resolve("data"))) {
            for (Path pack : packs.filter(Files::isRegularFile).toList()) {
                byte[] bytes = Files.readAllBytes(pack);
                int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf(marker);
                if (at >= 0) {
                    bytes[at + marker.length() / 2] ^= 0x01;
                    Files.write(pack, bytes, StandardOpenOption.TRUNCATE_EXISTING);
                    flipped.add(pack);
                }
            }
        }
        if (flipped.size() != 1) {
            throw new AssertionError(flipped.size() + " packs hold " + marker + ", not one: " + flipped);
        }
        return flipped.get(0);
    }

    /** A marker no other test writes: {@code prefix} and a random suffix. */
    static String uniqueMarker(String prefix) {
        return prefix + "-" + java.util.UUID.randomUUID();
    }

    List<Progress> reports() {
        return reports;
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        berth.close();
        try (Stream<Path> paths = Files.walk(store)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
