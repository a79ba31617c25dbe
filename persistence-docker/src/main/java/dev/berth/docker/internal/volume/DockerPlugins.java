package dev.berth.docker.internal.volume;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.BerthException;
import dev.berth.PluginException;
import dev.berth.Plugins;
import dev.berth.docker.internal.engine.EnginePlugins;
import dev.berth.docker.internal.node.EngineContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link Plugins} on every node of the Swarm (the one engine without a Swarm), through each node's engine. */
public final class DockerPlugins implements Plugins {
    private static final Logger LOG = LoggerFactory.getLogger(DockerPlugins.class);

    private final EngineContext ctx;

    public DockerPlugins(EngineContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public List<String> volumeDrivers() {
        return PluginInventory.volumeDrivers(ctx.engine());
    }

    @Override
    public List<Plugin> installed() {
        List<Plugin> installed = new ArrayList<>();
        for (JsonNode p : ctx.engine().getJson("/plugins").orElseThrow()) {
            installed.add(plugin(p));
        }
        return installed;
    }

    @Override
    public void create(String name, Path bundle) {
        if (!Files.isRegularFile(bundle.resolve("config.json")) || !Files.isDirectory(bundle.resolve("rootfs"))) {
            throw new IllegalArgumentException(bundle + " is not a plugin bundle: it needs config.json and a rootfs/ "
                    + "folder, as `docker plugin create` takes them (https://docs.docker.com/engine/extend/)");
        }
        onEveryNode(name, "create", (node, plugins) -> {
            if (plugins.inspect(name).isPresent()) {
                LOG.info("Node {} has plugin {} already: kept", node.node().id(), name);
                return;
            }
            plugins.create(name, out -> PluginBundle.writeTar(bundle, out));
            LOG.info("Created plugin {} on node {}", name, node.node().id());
        });
    }

    @Override
    public void enable(String name) {
        Duration timeout = ctx.settings().responseTimeout().minusSeconds(5);
        Duration wait = timeout.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : timeout;
        onEveryNode(name, "enable", (node, plugins) -> {
            JsonNode found = plugins.inspect(name).orElseThrow(() -> new BerthException("it is not installed there: "
                    + "create it first (berth.plugins().create(name, bundle))"));
            if (!found.path("Enabled").asBoolean()) {
                plugins.enable(name, wait);
                LOG.info("Enabled plugin {} on node {}", name, node.node().id());
            }
        });
    }

    @Override
    public void disable(String name) {
        onEveryNode(name, "disable", (node, plugins) -> {
            if (plugins.inspect(name).filter(p -> p.path("Enabled").asBoolean()).isPresent()) {
                plugins.disable(name);
                LOG.info("Disabled plugin {} on node {}", name, node.node().id());
            }
        });
    }

    @Override
    public void remove(String name) {
        disable(name);
        onEveryNode(name, "remove", (node, plugins) -> {
            if (plugins.inspect(name).isPresent()) {
                plugins.remove(name);
                LOG.info("Removed plugin {} from node {}", name, node.node().id());
            }
        });
    }

    @Override
    public Optional<Plugin> find(String name) {
        List<Plugin> found = new ArrayList<>();
        onEveryNode(name, "find", (node, plugins) -> plugins.inspect(name).map(DockerPlugins::plugin)
                .ifPresent(found::add));
        if (found.size() < ctx.everyNode().size() || found.isEmpty()) {
            return Optional.empty();
        }
        boolean enabled = found.stream().allMatch(Plugin::enabled);
        return Optional.of(new Plugin(found.get(0).name(), enabled, found.get(0).capabilities()));
    }

    /** Does {@code step} on each node in turn; the first failure, naming the plugin and the node, ends it. */
    private void onEveryNode(String name, String what, BiConsumer<EngineContext, EnginePlugins> step) {
        for (EngineContext node : ctx.everyNode()) {
            try {
                step.accept(node, node.engine().plugins());
            } catch (RuntimeException e) {
                throw new PluginException(name, node.node().id(), "Could not " + what + " plugin '" + name + "' on "
                        + "node " + node.node().id() + ": " + e.getMessage() + ". Nodes before it are done; fix what "
                        + "it says, then call " + what + " again.", e);
            }
        }
    }

    private static Plugin plugin(JsonNode p) {
        return new Plugin(p.path("Name").asText(), p.path("Enabled").asBoolean(), capabilities(p));
    }

    /** What a plugin provides, such as {@code volumedriver}. */
    static List<String> capabilities(JsonNode p) {
        List<String> capabilities = new ArrayList<>();
        // the engine writes each type as "docker.volumedriver/1.0"; an object with a Capability is read too
        p.path("Config").path("Interface").path("Types").forEach(t -> capabilities.add(t.isTextual()
                ? t.asText().replaceFirst("^[^.]*\\.", "").replaceFirst("/.*$", "") : t.path("Capability").asText()));
        return capabilities;
    }
}
