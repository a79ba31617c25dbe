package dev.berth.samples;

import dev.berth.ContainerSpec;
import dev.berth.StatefulContainer;

/** Container builders with no engine behind them, to see what a recipe puts into a spec. */
final class Specs {
    private Specs() {
    }

    static ContainerSpec.Builder container(String name) {
        return new ContainerSpec.Builder(name) {
            @Override
            public StatefulContainer start() {
                throw new UnsupportedOperationException("no engine in a unit test");
            }

            @Override
            public StatefulContainer create() {
                throw new UnsupportedOperationException("no engine in a unit test");
            }
        };
    }
}
