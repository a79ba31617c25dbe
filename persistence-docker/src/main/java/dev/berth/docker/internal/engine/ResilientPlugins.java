package dev.berth.docker.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Optional;

/**
 * {@link EnginePlugins} with the retry policy: what repeating changes nothing more of (disable, remove, inspect) is
 * retried on transient failures; a create or an enable is tried once, its failure the caller's to read.
 */
final class ResilientPlugins implements EnginePlugins {
    private final EnginePlugins plugins;
    private final Attempts attempts;

    ResilientPlugins(EnginePlugins plugins, Attempts attempts) {
        this.plugins = plugins;
        this.attempts = attempts;
    }

    @Override
    public void create(String name, ArchiveBody bundle) {
        attempts.once(() -> {
            plugins.create(name, bundle);
            return null;
        });
    }

    @Override
    public void enable(String name, Duration timeout) {
        attempts.once(() -> {
            plugins.enable(name, timeout);
            return null;
        });
    }

    @Override
    public void disable(String name) {
        attempts.idempotent(() -> {
            plugins.disable(name);
            return null;
        });
    }

    @Override
    public void remove(String name) {
        attempts.idempotent(() -> {
            plugins.remove(name);
            return null;
        });
    }

    @Override
    public Optional<JsonNode> inspect(String name) {
        return attempts.idempotent(() -> plugins.inspect(name));
    }
}
