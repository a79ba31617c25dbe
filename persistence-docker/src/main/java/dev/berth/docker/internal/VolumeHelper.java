package dev.berth.docker.internal;

import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A container that is created, never started, only to reach a volume's files through the Engine API's archive
 * endpoints. It is not labelled as starting, so the single-writer guard does not count it. Close it to remove it.
 */
final class VolumeHelper implements AutoCloseable {
    /** Where the volume is mounted inside the helper; archive entries start with this name. */
    static final String MOUNT = "/berth-volume";
    static final String IMAGE = "busybox:1.35";

    private final Engine engine;
    private final String id;

    private VolumeHelper(Engine engine, String id) {
        this.engine = engine;
        this.id = id;
    }

    static VolumeHelper open(Engine engine, String volume, boolean readOnly, Map<String, String> settingsLabels) {
        Images.ensure(engine, IMAGE);
        Map<String, String> labels = new LinkedHashMap<>(settingsLabels);
        labels.put(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE);
        labels.put(Labels.STARTING, "false");
        String id = engine.call(() -> engine.client().createContainerCmd(IMAGE).withCmd("true").withLabels(labels)
                .withHostConfig(HostConfig.newHostConfig().withMounts(java.util.List.of(new Mount()
                        .withType(MountType.VOLUME).withSource(volume).withTarget(MOUNT).withReadOnly(readOnly))))
                .exec().getId());
        return new VolumeHelper(engine, id);
    }

    String id() {
        return id;
    }

    Engine engine() {
        return engine;
    }

    @Override
    public void close() {
        engine.runIgnoringAbsent(() -> engine.client().removeContainerCmd(id).withForce(true).exec());
    }
}
