package dev.berth.docker.internal;

import dev.berth.ContainerSpec;
import dev.berth.StatefulContainer;

/** Spec builders for unit tests: they describe, and refuse to start anything. */
public final class SpecBuilders {
    private SpecBuilders() {
    }

    public static ContainerSpec.Builder container(String name) {
        return new ContainerSpec.Builder(name) {
            @Override
            public StatefulContainer start() {
                throw new UnsupportedOperationException("a unit test's spec only describes");
            }

            @Override
            public StatefulContainer create() {
                throw new UnsupportedOperationException("a unit test's spec only describes");
            }
        };
    }
}
