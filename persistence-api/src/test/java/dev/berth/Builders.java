package dev.berth;

/** Builders with no engine behind them, for testing specs. */
final class Builders {
    private Builders() {
    }

    static ContainerSpec.Builder container(String name) {
        return new ContainerSpec.Builder(name) {
            @Override
            public StatefulContainer start() {
                throw new UnsupportedOperationException();
            }

            @Override
            public StatefulContainer create() {
                throw new UnsupportedOperationException();
            }
        };
    }

    static VolumeSpec.Builder volume(String name) {
        return new VolumeSpec.Builder(name) {
            @Override
            public PersistentVolume create() {
                throw new UnsupportedOperationException();
            }
        };
    }
}
