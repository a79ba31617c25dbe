package dev.berth.docker.internal.snapshot;

import dev.berth.AccessMode;
import dev.berth.BerthException;
import dev.berth.Consistency;
import dev.berth.ReclaimPolicy;
import dev.berth.VolumeSpec;
import dev.berth.docker.internal.node.Specs;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a snapshot's manifest records, and its form as string properties for a
 * {@link dev.berth.spi.ArchiveStore}: the source volume's spec, when it was taken, at which consistency and with how
 * much downtime, its sizes, and the checksum over its per-file checksum list. Immutable.
 */
record SnapshotManifest(String id, String name, VolumeSpec source, Instant createdAt, Consistency consistency,
        Duration downtime, long sizeBytes, long archiveBytes, long entries, String checksum) {
    static final String FORMAT = "1";

    Map<String, String> toMap() {
        Map<String, String> m = new TreeMap<>();
        m.put("format", FORMAT);
        m.put("id", id);
        m.put("name", name);
        m.put("volume", source.name());
        m.put("volume.driver", source.driver());
        source.options().forEach((k, v) -> m.put("volume.option." + k, v));
        source.labels().forEach((k, v) -> m.put("volume.label." + k, v));
        m.put("volume.accessMode", source.accessMode().name());
        m.put("volume.reclaimPolicy", source.reclaimPolicy().name());
        m.put("createdAt", createdAt.toString());
        m.put("consistency", consistency.name());
        m.put("downtimeMillis", Long.toString(downtime.toMillis()));
        m.put("sizeBytes", Long.toString(sizeBytes));
        m.put("archiveBytes", Long.toString(archiveBytes));
        m.put("entries", Long.toString(entries));
        m.put("checksum", checksum);
        return m;
    }

    /** @throws BerthException when the properties are not a manifest this version of Berth reads */
    static SnapshotManifest fromMap(Map<String, String> m) {
        if (!FORMAT.equals(m.get("format"))) {
            throw new BerthException("Snapshot '" + m.get("id") + "' has manifest format " + m.get("format")
                    + ", which this version of Berth does not read (it reads format " + FORMAT + "): use the Berth "
                    + "version that made it.");
        }
        try {
            VolumeSpec source = Specs.volume(required(m, "volume"), required(m, "volume.driver"),
                    prefixed(m, "volume.option."), prefixed(m, "volume.label."),
                    AccessMode.valueOf(required(m, "volume.accessMode")),
                    ReclaimPolicy.valueOf(required(m, "volume.reclaimPolicy")));
            if (!required(m, "id").matches("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}")) {
                throw new IllegalArgumentException("'" + m.get("id") + "' is not a snapshot id");
            }
            return new SnapshotManifest(required(m, "id"), required(m, "name"), source,
                    Instant.parse(required(m, "createdAt")), Consistency.valueOf(required(m, "consistency")),
                    Duration.ofMillis(Long.parseLong(required(m, "downtimeMillis"))),
                    Long.parseLong(required(m, "sizeBytes")), Long.parseLong(required(m, "archiveBytes")),
                    Long.parseLong(required(m, "entries")), required(m, "checksum"));
        } catch (RuntimeException e) {
            throw new BerthException("The manifest of snapshot '" + m.get("id") + "' is damaged (" + e.getMessage()
                    + "): delete the snapshot, or import it again from an export.", e);
        }
    }

    private static String required(Map<String, String> m, String key) {
        String value = m.get(key);
        if (value == null) {
            throw new IllegalArgumentException("'" + key + "' is missing");
        }
        return value;
    }

    private static Map<String, String> prefixed(Map<String, String> m, String prefix) {
        Map<String, String> found = new TreeMap<>();
        m.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                found.put(k.substring(prefix.length()), v);
            }
        });
        return found;
    }
}
