package dev.berth.docker.internal.node;

import dev.berth.RestartPolicy;
import dev.berth.docker.internal.engine.ContainerDefinition;
import java.util.List;
import java.util.Map;

/**
 * Records that Berth keeps in an engine as containers that are never started and mount nothing: the engine lets only
 * one container hold a name, and creates and removes it atomically, so such a record is a lock or a journal entry that
 * every thread, process and host sees alike.
 */
public final class Markers {
    private Markers() {
    }

    /** The image markers are made from, on the context's engine (pulled once when it is not there). */
    public static String image(EngineContext ctx) {
        return Images.ensure(ctx.engine(), ctx.settings().helperImage());
    }

    /**
     * The definition of a marker of this name, from {@code image} (see {@link #image}), with Berth's labels, the
     * connection's, and {@code own}.
     */
    public static ContainerDefinition definition(EngineContext ctx, String image, String name, Map<String, String> own) {
        Map<String, String> labels = Labels.forNew(ctx.settings().labels(), Map.of());
        labels.putAll(own);
        return new ContainerDefinition(name, image, labels, List.of(), List.of(), List.of("true"), null, List.of(), 1,
                List.of(), RestartPolicy.NO, "none");
    }
}
