package dev.berth.testkit;

import dev.berth.DataProbe;
import dev.berth.StatefulContainer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/** Assertions on a {@link StatefulContainer}; get one from {@link PersistenceAssertions#assertThat}. Not thread-safe. */
public final class StatefulContainerAssert extends AbstractAssert<StatefulContainerAssert, StatefulContainer> {
    private @Nullable DataProbe probe;

    StatefulContainerAssert(StatefulContainer actual) {
        super(actual, StatefulContainerAssert.class);
    }

    /** Checks with this probe instead of the recipe's or the default file probe. */
    public StatefulContainerAssert using(DataProbe probe) {
        this.probe = Objects.requireNonNull(probe, "probe");
        return myself;
    }

    /**
     * Before each disruption, writes a unique marker through the probe; after it, checks that every marker written
     * so far is still there. Fails naming the disruption and the markers lost.
     */
    public StatefulContainerAssert survives(Disruption... disruptions) {
        isNotNull();
        DataProbe checker = probe != null ? probe : Probes.defaultFor(actual);
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> written = new LinkedHashMap<>();
        for (Disruption disruption : disruptions) {
            String key = "berth-marker-" + run + "-" + written.size();
            String value = disruption.name() + "@" + System.nanoTime();
            checker.write(key, value);
            written.put(key, value);
            disruption.applyTo(actual);
            List<String> lost = new ArrayList<>();
            written.forEach((k, v) -> {
                if (!checker.read(k).equals(Optional.of(v))) {
                    lost.add(k);
                }
            });
            if (!lost.isEmpty()) {
                throwAssertionError(ShouldSurvive.shouldSurvive(actual.name(), checker.toString(), disruption, lost,
                        written.keySet()));
            }
        }
        return myself;
    }
}
