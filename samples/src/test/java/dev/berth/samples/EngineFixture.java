package dev.berth.samples;

import dev.berth.Berth;
import dev.berth.BerthSettings;
import dev.berth.PersistentVolume;
import dev.berth.PruneOptions;
import dev.berth.PruneReport;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A connection to the real engine for the samples' *IT. Everything made through it carries a label with this run's
 * id and is removed after the class; nothing else is touched.
 */
final class EngineFixture implements AfterAllCallback {
    static final String DOCKER_HOST = System.getProperty("berth.it.dockerHost", "unix:///var/run/docker.sock");
    static final String RUN_LABEL = "dev.berth.samples.it-run";

    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private final Berth berth = Berth.connect(BerthSettings.builder().dockerHost(DOCKER_HOST)
            .label(RUN_LABEL, runId).build());

    Berth berth() {
        return berth;
    }

    /** A name unique to this run, such as {@code it-3f2a1b0c-visits}. */
    String name(String base) {
        return "it-" + runId + "-" + base;
    }

    /** Removes this run's containers (running ones too) but keeps its volumes, so that a test can look inside. */
    PruneReport removeContainers() {
        return berth.prune(PruneOptions.builder().label(RUN_LABEL, runId).includeRunning(true).build());
    }

    /** The volumes this run made. */
    List<PersistentVolume> volumes() {
        return berth.volumes().withLabel(RUN_LABEL, runId);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            berth.prune(PruneOptions.builder().label(RUN_LABEL, runId).includeRunning(true).retiredOlderThan(java.time.Duration.ZERO).includeVolumes(true)
                    .build());
        } finally {
            berth.close();
        }
    }
}
