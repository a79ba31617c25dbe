package dev.berth.docker.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/** {@link EnginePlugins} through the raw Engine API, under the API version agreed; bundles stream as archives do. */
final class RawEnginePlugins implements EnginePlugins {
    private final RawEngineApi raw;
    private final ArchiveTransport archives;

    RawEnginePlugins(RawEngineApi raw, ArchiveTransport archives) {
        this.raw = raw;
        this.archives = archives;
    }

    @Override
    public void create(String name, ArchiveBody bundle) {
        archives.createPlugin(name, bundle);
    }

    @Override
    public void enable(String name, Duration timeout) {
        raw.post("/plugins/" + encode(name) + "/enable?timeout=" + Math.max(1, timeout.toSeconds()), "{}");
    }

    @Override
    public void disable(String name) {
        try {
            raw.post("/plugins/" + encode(name) + "/disable", "{}");
        } catch (dev.berth.EngineCallException e) {
            if (!String.valueOf(e.getMessage()).contains("already disabled")) {
                throw e;
            }
        }
    }

    @Override
    public void remove(String name) {
        raw.delete("/plugins/" + encode(name));
    }

    @Override
    public Optional<JsonNode> inspect(String name) {
        return raw.get("/plugins/" + encode(name) + "/json");
    }

    private static String encode(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8);
    }
}
