package dev.berth.docker.internal;

import dev.berth.PersistentVolume;
import dev.berth.VolumeSpec;

/** {@code berth.volume(name)}: collects the spec, then creates or finds the volume. */
final class DockerVolumeBuilder extends VolumeSpec.Builder {
    private final VolumeStore store;

    DockerVolumeBuilder(VolumeStore store, String name) {
        super(name);
        this.store = store;
    }

    @Override
    public PersistentVolume create() {
        return store.create(spec());
    }
}
