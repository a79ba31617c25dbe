package dev.berth.docker.internal.volume;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.docker.internal.engine.Engine;
import java.util.ArrayList;
import java.util.List;

/** The volume drivers an engine offers. */
public final class PluginInventory {
    private PluginInventory() {
    }

    /**
     * The driver names a volume can use on this engine, {@code local} among them: what the engine reports (the
     * built-in drivers, and the plugins it has used) and every enabled managed plugin that is a volume driver, by its
     * name and, for a {@code :latest} one, without its tag, as {@code docker volume create -d} takes it.
     */
    static List<String> volumeDrivers(Engine engine) {
        List<String> drivers = new ArrayList<>(engine.info().volumeDrivers());
        for (JsonNode p : engine.getJson("/plugins").orElseThrow()) {
            if (p.path("Enabled").asBoolean() && DockerPlugins.capabilities(p).contains("volumedriver")) {
                String name = p.path("Name").asText();
                drivers.add(name);
                if (name.endsWith(":latest")) {
                    drivers.add(name.substring(0, name.length() - ":latest".length()));
                }
            }
        }
        return drivers.stream().distinct().toList();
    }
}
