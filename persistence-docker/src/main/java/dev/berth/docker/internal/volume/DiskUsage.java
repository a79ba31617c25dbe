package dev.berth.docker.internal.volume;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.NotFoundException;
import dev.berth.Usage;
import dev.berth.VolumeUsage;
import dev.berth.docker.internal.engine.Engine;
import dev.berth.docker.internal.node.EngineContext;
import dev.berth.docker.internal.node.Labels;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What volumes hold on disk, from each engine's own accounting ({@code GET /system/df}). */
public final class DiskUsage {
    private DiskUsage() {
    }

    /** Every volume on every node Berth reaches (on a Swarm, each node's own engine), largest first. */
    public static Usage of(EngineContext ctx) {
        List<VolumeUsage> volumes = new ArrayList<>();
        for (EngineContext node : ctx.everyNode()) {
            volumes.addAll(read(node.engine(), node.node().id()));
        }
        volumes.sort(Comparator.comparingLong(VolumeUsage::sizeBytes).reversed().thenComparing(VolumeUsage::name));
        return new Usage(volumes);
    }

    /** The size of one volume of this engine, or -1 when its driver does not say. */
    static long sizeOf(Engine engine, String volume) {
        return read(engine, "").stream().filter(v -> v.name().equals(volume)).findFirst()
                .orElseThrow(() -> new NotFoundException("volume", volume)).sizeBytes();
    }

    /** The volumes of one engine, as on node {@code nodeId}. */
    private static List<VolumeUsage> read(Engine engine, String nodeId) {
        JsonNode df = engine.getJson("/system/df?type=volume").orElseThrow();
        List<VolumeUsage> volumes = new ArrayList<>();
        for (JsonNode v : df.path("Volumes")) {
            Map<String, String> labels = new HashMap<>();
            v.path("Labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
            JsonNode usage = v.path("UsageData");
            volumes.add(new VolumeUsage(v.path("Name").asText(), nodeId, usage.path("Size").asLong(-1),
                    usage.path("RefCount").asInt(0), Labels.isManaged(labels)));
        }
        return volumes;
    }
}
