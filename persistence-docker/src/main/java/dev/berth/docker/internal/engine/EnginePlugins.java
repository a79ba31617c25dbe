package dev.berth.docker.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Optional;

/** One engine's managed plugins, through the Engine API's {@code /plugins} endpoints (docker-java has none). */
public interface EnginePlugins {
    /** Creates a plugin, disabled, from a tar of its bundle: {@code config.json} and {@code rootfs/}. */
    void create(String name, ArchiveBody bundle);

    /** Enables it; the engine gives up when the plugin does not answer on its socket within {@code timeout}. */
    void enable(String name, Duration timeout);

    /** Disables it; one already disabled is done. */
    void disable(String name);

    /** Removes it (disabled); one that is gone is done. */
    void remove(String name);

    /** The engine's account of the plugin ({@code GET /plugins/{name}/json}); empty when it has none of that name. */
    Optional<JsonNode> inspect(String name);
}
