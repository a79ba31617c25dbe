package dev.berth.docker.internal.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The raw Engine API answers a node gives to {@code getJson}: what a test put at that exact path, else the few paths
 * Berth reads ({@code /system/df}, {@code /plugins}, {@code /volumes}, {@code /volumes/<name>}) from the node's
 * volumes; any other path is a 404 (empty). Filters in a query are not read.
 */
final class EngineJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, JsonNode> answers = new ConcurrentHashMap<>();

    void answer(String path, JsonNode json) {
        answers.put(path, json);
    }

    Optional<JsonNode> get(String path, FakeVolumes volumes, FakeContainers containers) {
        JsonNode given = answers.get(path);
        if (given != null) {
            return Optional.of(given);
        }
        String route = path.replaceFirst("\\?.*$", "");
        if (route.equals("/system/df")) {
            ObjectNode df = JSON.createObjectNode();
            ArrayNode list = df.putArray("Volumes");
            for (FakeVolumes.Volume v : volumes.all()) {
                ObjectNode entry = volume(v);
                entry.putObject("UsageData").put("Size", v.size()).put("RefCount", containers.using(v.info.name()).size());
                list.add(entry);
            }
            return Optional.of(df);
        }
        if (route.equals("/plugins")) {
            ArrayNode plugins = JSON.createArrayNode();
            volumes.drivers().stream().filter(d -> !d.equals("local")).forEach(d -> {
                ObjectNode p = plugins.addObject().put("Name", d).put("Enabled", true);
                p.putObject("Config").putObject("Interface").putArray("Types").addObject()
                        .put("Capability", "volumedriver");
            });
            return Optional.of(plugins);
        }
        if (route.equals("/volumes")) {
            ObjectNode all = JSON.createObjectNode();
            ArrayNode list = all.putArray("Volumes");
            volumes.all().forEach(v -> list.add(volume(v)));
            all.putArray("Warnings");
            return Optional.of(all);
        }
        if (route.startsWith("/volumes/")) {
            String name = URLDecoder.decode(route.substring("/volumes/".length()), StandardCharsets.UTF_8);
            return Optional.ofNullable(volumes.find(name)).map(EngineJson::volume);
        }
        return Optional.empty();
    }

    private static ObjectNode volume(FakeVolumes.Volume v) {
        ObjectNode json = JSON.createObjectNode();
        json.put("Name", v.info.name()).put("Driver", v.info.driver()).put("Scope", v.info.scope())
                .put("Mountpoint", "/var/lib/docker/volumes/" + v.info.name() + "/_data");
        ObjectNode labels = json.putObject("Labels");
        v.info.labels().forEach(labels::put);
        ObjectNode options = json.putObject("Options");
        v.info.options().forEach(options::put);
        return json;
    }
}
