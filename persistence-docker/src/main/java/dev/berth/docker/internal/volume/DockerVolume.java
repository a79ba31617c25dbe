package dev.berth.docker.internal.volume;

import dev.berth.AccessMode;
import dev.berth.Consistency;
import dev.berth.DeleteOption;
import dev.berth.Node;
import dev.berth.PersistentVolume;
import dev.berth.ReclaimPolicy;
import dev.berth.Snapshot;
import dev.berth.VolumeScope;
import dev.berth.VolumeSpec;
import dev.berth.docker.internal.node.EngineContext;
import java.util.Map;
import java.util.Objects;

/**
 * A handle on one volume of one engine; every query asks the engine. Thread-safe; it changes only to follow its volume
 * when a first use binds it to another node ({@link FirstUseBinding}).
 */
public final class DockerVolume implements PersistentVolume {
    private volatile VolumeStore store;
    private final VolumeSpec spec;
    private final boolean createdByBerth;

    DockerVolume(VolumeStore store, VolumeSpec spec, boolean createdByBerth) {
        this.store = store;
        this.spec = spec;
        this.createdByBerth = createdByBerth;
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public String driver() {
        return spec.driver();
    }

    @Override
    public VolumeScope scope() {
        return store.scopeOf(name());
    }

    @Override
    public Map<String, String> labels() {
        return spec.labels();
    }

    @Override
    public AccessMode accessMode() {
        return spec.accessMode();
    }

    @Override
    public ReclaimPolicy reclaimPolicy() {
        return spec.reclaimPolicy();
    }

    @Override
    public boolean createdByBerth() {
        return createdByBerth;
    }

    @Override
    public long sizeBytes() {
        return store.sizeOf(name());
    }

    @Override
    public boolean isEmpty() {
        return VolumeContents.isEmpty(store.context(), name());
    }

    /** From now on, the volume is on the engine of {@code there}. */
    void follow(VolumeStore there) {
        store = there;
    }

    /** The context of the engine that holds this volume. */
    public EngineContext context() {
        return store.context();
    }

    @Override
    public Node node() {
        return store.node();
    }

    @Override
    public PersistentVolume moveTo(Node target) {
        return VolumeMoves.alone(store.context(), this, target);
    }

    @Override
    public Snapshot snapshot(String name) {
        return store.context().snapshotter().take(store.context(), this, name, null);
    }

    @Override
    public Snapshot snapshot(String name, Consistency consistency) {
        return store.context().snapshotter().take(store.context(), this, name, Objects.requireNonNull(consistency, "consistency"));
    }

    @Override
    public VolumeSpec spec() {
        return spec;
    }

    @Override
    public void delete(DeleteOption... options) {
        store.delete(this, options);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DockerVolume v && v.store.context().engine() == store.context().engine()
                && v.name().equals(name());
    }

    @Override
    public int hashCode() {
        return name().hashCode();
    }

    @Override
    public String toString() {
        return "PersistentVolume[" + name() + ", driver=" + driver() + ", " + accessMode() + ", " + reclaimPolicy()
                + (createdByBerth ? "" : ", adopted") + "]";
    }
}
