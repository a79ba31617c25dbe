package dev.berth;

import java.util.List;

/**
 * What volumes hold on disk, on every node Berth reaches: the first thing to read when a disk fills up. Berth's own
 * unused volumes are what {@code berth.prune(PruneOptions.builder().includeVolumes(true).build())} would free.
 *
 * @param volumes every volume, largest first
 */
public record Usage(List<VolumeUsage> volumes) {
    public Usage {
        volumes = List.copyOf(volumes);
    }

    /** The size of every volume whose size is known. */
    public long totalBytes() {
        return volumes.stream().mapToLong(VolumeUsage::sizeBytes).filter(s -> s > 0).sum();
    }

    /** The volumes no container mounts. */
    public List<VolumeUsage> unused() {
        return volumes.stream().filter(VolumeUsage::unused).toList();
    }

    /** What deleting Berth's own unused volumes would free; volumes Berth did not make are never counted. */
    public long reclaimableBytes() {
        return volumes.stream().filter(v -> v.unused() && v.createdByBerth()).mapToLong(VolumeUsage::sizeBytes)
                .filter(s -> s > 0).sum();
    }
}
