package dev.berth.docker;

import dev.berth.Berth;
import dev.berth.Progress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
