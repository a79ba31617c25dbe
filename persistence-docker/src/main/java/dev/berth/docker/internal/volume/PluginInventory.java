package dev.berth.docker.internal.volume;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.Plugins;
import dev.berth.docker.internal.engine.Engine;
import java.util.ArrayList;
import java.util.List;

/** The volume drivers an engine offers, and its managed plugins. */
public final class PluginInventory {
    private PluginInventory() {
    }

    public static Plugins of(Engine engine) {
        List<Plugins.Plugin> installed = new ArrayList<>();
        for (JsonNode p : engine.getJson("/plugins").orElseThrow()) {
            List<String> capabilities = new ArrayList<>();
            p.path("Config").path("Interface").path("Types").forEach(t -> capabilities.add(t.path("Capability").asText()));
            installed.add(new Plugins.Plugin(p.path("Name").asText(), p.path("Enabled").asBoolean(), capabilities));
        }
        return new Plugins(volumeDrivers(engine), installed);
    }

    /** The driver names a volume can use on this engine, {@code local} among them. */
    static List<String> volumeDrivers(Engine engine) {
        return engine.info().volumeDrivers();
    }
}
