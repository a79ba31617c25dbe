package dev.berth.docker.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Swarm configs through the raw Engine API (docker-java's config commands do not carry labels in filters). */
final class SwarmConfigs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RawEngineApi raw;

    SwarmConfigs(RawEngineApi raw) {
        this.raw = raw;
    }

    String create(String name, byte[] data, Map<String, String> labels) {
        ObjectNode body = JSON.createObjectNode();
        body.put("Name", name);
        body.put("Data", Base64.getEncoder().encodeToString(data));
        labels.forEach(body.putObject("Labels")::put);
        return raw.post("/configs/create", body.toString()).path("ID").asText();
    }

    List<ConfigInfo> list(Map<String, String> labels) {
        ObjectNode filters = JSON.createObjectNode();
        if (!labels.isEmpty()) {
            var wanted = filters.putArray("label");
            labels.forEach((k, v) -> wanted.add(k + "=" + v));
        }
        String path = "/configs?filters=" + URLEncoder.encode(filters.toString(), StandardCharsets.UTF_8);
        List<ConfigInfo> configs = new ArrayList<>();
        for (JsonNode c : raw.get(path).orElse(JSON.createArrayNode())) {
            Map<String, String> own = new LinkedHashMap<>();
            c.path("Spec").path("Labels").fields().forEachRemaining(e -> own.put(e.getKey(), e.getValue().asText()));
            configs.add(new ConfigInfo(c.path("ID").asText(), c.path("Spec").path("Name").asText(), own,
                    Instant.parse(c.path("CreatedAt").asText())));
        }
        return configs;
    }

    void remove(String id) {
        raw.delete("/configs/" + id);
    }
}
