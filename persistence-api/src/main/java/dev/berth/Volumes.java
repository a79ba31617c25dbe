package dev.berth;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The volumes Berth knows: those it created and those it adopted. Thread-safe. */
public interface Volumes {

    /** Every volume Berth created, on this engine. */
    List<PersistentVolume> list();

    /** The volumes Berth created that carry all of the given labels. */
    List<PersistentVolume> withLabels(Map<String, String> labels);

    /** The volumes Berth created that carry the label. */
    default List<PersistentVolume> withLabel(String key, String value) {
        return withLabels(Map.of(key, value));
    }

    /** A volume by name, whoever created it. */
    Optional<PersistentVolume> find(String name);
}
