package dev.berth.docker.internal.fake;

import dev.berth.docker.internal.engine.ConfigInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The Swarm's configs: a name held by one config at most, as the manager's replicated store keeps them. */
final class FakeConfigs {
    private final List<ConfigInfo> configs = new ArrayList<>();

    synchronized String create(String id, String name, Map<String, String> labels, Instant now) {
        if (configs.stream().anyMatch(c -> c.name().equals(name))) {
            throw Refusal.conflict("rpc error: code = AlreadyExists desc = config " + name + " already exists");
        }
        configs.add(new ConfigInfo(id, name, labels, now));
        return id;
    }

    synchronized List<ConfigInfo> withLabels(Map<String, String> wanted) {
        return configs.stream().filter(c -> c.labels().entrySet().containsAll(wanted.entrySet())).toList();
    }

    synchronized void remove(String id) {
        configs.removeIf(c -> c.id().equals(id));
    }
}
