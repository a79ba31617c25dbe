package dev.berth.docker.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import dev.berth.EngineCallException.Reason;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The volume calls: created and removed through docker-java, read from the raw API, whose answers carry the scope
 * and options docker-java's models leave out.
 */
final class DockerJavaVolumes {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DockerClient client;
    private final DockerJavaCalls calls;
    private final Function<String, Optional<JsonNode>> getJson;

    DockerJavaVolumes(DockerClient client, DockerJavaCalls calls, Function<String, Optional<JsonNode>> getJson) {
        this.client = client;
        this.calls = calls;
        this.getJson = getJson;
    }

    void create(String name, String driver, Map<String, String> options, Map<String, String> labels) {
        calls.run("create volume " + name, () -> client.createVolumeCmd().withName(name).withDriver(driver)
                .withDriverOpts(options).withLabels(labels).exec());
    }

    Optional<VolumeInfo> inspect(String name) {
        return getJson.apply("/volumes/" + encode(name)).map(DockerJavaVolumes::volume);
    }

    List<VolumeInfo> list(Map<String, String> labels) {
        String filters = labels.isEmpty() ? "" : "?filters=" + encode(JSON.createObjectNode().set("label",
                JSON.valueToTree(labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()))
                .toString());
        JsonNode answer = getJson.apply("/volumes" + filters).orElseThrow();
        List<VolumeInfo> volumes = new ArrayList<>();
        answer.path("Volumes").forEach(v -> volumes.add(volume(v)));
        return volumes;
    }

    void remove(String name) {
        calls.runDoneOn("remove volume " + name, () -> client.removeVolumeCmd(name).exec(), Reason.NOT_FOUND);
    }

    private static VolumeInfo volume(JsonNode v) {
        return new VolumeInfo(v.path("Name").asText(), v.path("Driver").asText(), strings(v.path("Options")),
                strings(v.path("Labels")), v.path("Scope").asText("local"), v.path("Mountpoint").asText(""));
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> map = new HashMap<>();
        object.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
