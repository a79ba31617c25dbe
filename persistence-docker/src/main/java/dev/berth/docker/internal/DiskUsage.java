package dev.berth.docker.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.Node;
import dev.berth.Usage;
import dev.berth.VolumeUsage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What volumes hold on disk, from each engine's own accounting ({@code GET /system/df}). */
final class DiskUsage {
    private DiskUsage() {
    }

    /** Every volume on every node Berth reaches (on a Swarm, each node's own engine), largest first. */
    static Usage of(EngineContext ctx) {
        List<VolumeUsage> volumes = new ArrayList<>();
        if (!ctx.cluster().isSwarm()) {
            volumes.addAll(onNode(ctx));
        } else {
            for (Node node : ctx.cluster().nodes()) {
                if (node.ready() && (node.engineEndpoint().isPresent()
                        || node.id().equals(ctx.cluster().localNodeId()))) {
                    volumes.addAll(onNode(ctx.on(node)));
                }
            }
        }
        volumes.sort(Comparator.comparingLong(VolumeUsage::sizeBytes).reversed().thenComparing(VolumeUsage::name));
        return new Usage(volumes);
    }

    /** The volumes of one node's engine. */
    static List<VolumeUsage> onNode(EngineContext ctx) {
        JsonNode df = ctx.engine().getJson("/system/df?type=volume").orElseThrow();
        String nodeId = ctx.node().id();
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
