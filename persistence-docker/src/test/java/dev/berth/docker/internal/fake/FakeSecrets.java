package dev.berth.docker.internal.fake;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The Swarm's secrets: by name, their labels and content (a test may read a value back to see where it went). */
final class FakeSecrets {
    private final Map<String, Map<String, String>> labels = new ConcurrentHashMap<>();
    private final Map<String, byte[]> data = new ConcurrentHashMap<>();

    void create(String name, byte[] content, Map<String, String> secretLabels) {
        if (labels.putIfAbsent(name, Map.copyOf(secretLabels)) == null) {
            data.put(name, content.clone());
        }
    }

    List<String> names(Map<String, String> wanted) {
        return labels.entrySet().stream().filter(e -> e.getValue().entrySet().containsAll(wanted.entrySet()))
                .map(Map.Entry::getKey).sorted().toList();
    }

    void remove(String name) {
        labels.remove(name);
        data.remove(name);
    }
}
