package dev.berth.testkit;

import dev.berth.DataProbe;
import dev.berth.StatefulContainer;
import dev.berth.VolumeMount;

/** The default probe for a container: its recipe's, or files under its first read-write volume mount. */
final class Probes {
    private Probes() {
    }

    static DataProbe defaultFor(StatefulContainer container) {
        if (container.spec().recipe().isPresent()) {
            return container.spec().recipe().get().probe(container);
        }
        return container.spec().mounts().stream().filter(m -> !m.readOnly()).findFirst()
                .map(VolumeMount::path)
                .map(path -> (DataProbe) new FileProbe(container, path))
                .orElseThrow(() -> new IllegalArgumentException("Container '" + container.name() + "' has no recipe and "
                        + "no read-write volume mount, so there is nothing to probe: mount a volume, or pass a probe "
                        + "with using(probe)."));
    }
}
