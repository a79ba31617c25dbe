package dev.berth.testkit;

import dev.berth.StatefulContainer;

/**
 * Entry point of the testkit's assertions.
 *
 * <pre>{@code
 * PersistenceAssertions.assertThat(redis).survives(Disruption.KILL, Disruption.RECREATE, Disruption.ENGINE_RESTART);
 * }</pre>
 *
 * Works on any {@link StatefulContainer}: one made by {@link PersistentContainer @PersistentContainer}, one made with
 * the API, or a Testcontainers container seen through {@link BerthTestcontainers#mount BerthTestcontainers.mount}.
 */
public final class PersistenceAssertions {
    private PersistenceAssertions() {
    }

    public static StatefulContainerAssert assertThat(StatefulContainer container) {
        return new StatefulContainerAssert(container);
    }
}
