package dev.berth.docker.internal.repository;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A snapshot's manifest in the repository, {@code snapshots/<id>}, written last: the snapshot's properties (name,
 * volume, time, source spec, sizes, checksum), the ids of its tree's blobs, its parent, when its files were listed
 * (a file changed in that second is read again by the next snapshot), and the bytes it added to the store.
 */
public record StoredSnapshot(String id, Map<String, String> properties, List<String> tree, String parent,
        long listedAt, long storedBytes) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public StoredSnapshot {
        properties = Map.copyOf(properties);
        tree = List.copyOf(tree);
    }

    String toJson() {
        ObjectNode root = JSON.createObjectNode().put("id", id).put("parent", parent).put("listedAt", listedAt)
                .put("storedBytes", storedBytes);
        ObjectNode props = root.putObject("properties");
        new java.util.TreeMap<>(properties).forEach(props::put);
        tree.forEach(root.putArray("tree")::add);
        return root.toString();
    }

    static StoredSnapshot fromJson(String key, String text) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (IOException e) {
            throw new IOException("'" + key + "' is not a manifest: " + e.getMessage());
        }
        Map<String, String> props = new LinkedHashMap<>();
        root.path("properties").fields().forEachRemaining(e -> props.put(e.getKey(), e.getValue().asText()));
        List<String> tree = new ArrayList<>();
        for (JsonNode t : root.path("tree")) {
            if (!Keys.isHash(t.asText())) {
                throw new IOException("'" + key + "' names a tree blob that is not a SHA-256");
            }
            tree.add(t.asText());
        }
        String id = root.path("id").asText();
        if (!key.equals(Keys.SNAPSHOTS + id)) {
            throw new IOException("'" + key + "' holds the manifest of another snapshot, '" + id + "'");
        }
        return new StoredSnapshot(id, props, tree, root.path("parent").asText(), root.path("listedAt").asLong(),
                root.path("storedBytes").asLong());
    }
}
