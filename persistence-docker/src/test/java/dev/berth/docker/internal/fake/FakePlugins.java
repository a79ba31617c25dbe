package dev.berth.docker.internal.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.docker.internal.engine.ArchiveBody;
import dev.berth.docker.internal.engine.EngineFailures;
import dev.berth.docker.internal.engine.EnginePlugins;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A node's managed plugins: created from a bundle (read whole, as the engine reads it), enabled as a volume driver of
 * the node, disabled, removed. Calls go through the node's faults as {@code createPlugin}, {@code enablePlugin},
 * {@code disablePlugin}, {@code removePlugin} and {@code inspectPlugin}.
 */
final class FakePlugins implements EnginePlugins {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final NodeEngine node;
    private final Map<String, Boolean> enabled = new ConcurrentHashMap<>();

    FakePlugins(NodeEngine node) {
        this.node = node;
    }

    @Override
    public void create(String name, ArchiveBody bundle) {
        node.calls.run("createPlugin", "create plugin " + name, () -> {
            if (enabled.containsKey(name)) {
                throw EngineFailures.of("create plugin " + name, node.id(), 409, "plugin " + name + " already exists");
            }
            try {
                bundle.writeTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            enabled.put(name, false);
        });
    }

    @Override
    public void enable(String name, Duration timeout) {
        node.calls.run("enablePlugin", "enable plugin " + name, () -> {
            require(name);
            enabled.put(name, true);
            node.volumes.addDriver(name, "local");
        });
    }

    @Override
    public void disable(String name) {
        node.calls.run("disablePlugin", "disable plugin " + name, () -> {
            require(name);
            enabled.put(name, false);
        });
    }

    @Override
    public void remove(String name) {
        node.calls.run("removePlugin", "remove plugin " + name, () -> {
            if (Boolean.TRUE.equals(enabled.get(name))) {
                throw EngineFailures.of("remove plugin " + name, node.id(), 409, "plugin " + name + " is enabled");
            }
            enabled.remove(name);
        });
    }

    @Override
    public Optional<JsonNode> inspect(String name) {
        return node.calls.call("inspectPlugin", "inspect plugin " + name, () -> {
            Boolean on = enabled.get(name);
            if (on == null) {
                return Optional.<JsonNode>empty();
            }
            ObjectNode p = JSON.createObjectNode().put("Name", name).put("Enabled", on);
            p.putObject("Config").putObject("Interface").putArray("Types").addObject().put("Capability", "volumedriver");
            return Optional.<JsonNode>of(p);
        });
    }

    private void require(String name) {
        if (!enabled.containsKey(name)) {
            throw EngineFailures.of("plugin " + name, node.id(), 404, "plugin " + name + " not found");
        }
    }

}
