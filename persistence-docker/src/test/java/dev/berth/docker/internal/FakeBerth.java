package dev.berth.docker.internal;

import dev.berth.Berth;
import dev.berth.BerthSettings;
import dev.berth.RetryPolicy;
import dev.berth.docker.internal.engine.Engine;
import dev.berth.docker.internal.engine.ResilientEngine;
import dev.berth.docker.internal.fake.FakeNode;
import dev.berth.docker.internal.fake.FakeSwarm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Berth over a fake Swarm, as a user gets it from {@code Berth.connect()}: each node's fake engine behind the same
 * {@link ResilientEngine} a real one sits behind, with retries fast enough for unit tests.
 */
public final class FakeBerth {
    public static final String IMAGE = "busybox:1.35";
    private static final RetryPolicy FAST = RetryPolicy.builder().maxAttempts(4)
            .backoff(Duration.ofMillis(1), Duration.ofMillis(5)).maxDuration(Duration.ofSeconds(5)).build();

    private FakeBerth() {
    }

    /** Berth connected to the swarm's first node; every node has {@link #IMAGE}. */
    public static Berth on(FakeSwarm swarm, Path snapshots) {
        BerthSettings.Builder settings = BerthSettings.builder().retryPolicy(FAST).helperImage(IMAGE)
                .readyTimeout(Duration.ofSeconds(5)).snapshotDirectory(snapshots);
        Map<String, Engine> engines = new ConcurrentHashMap<>();
        for (FakeNode node : swarm.nodes()) {
            node.addImage(IMAGE);
            settings.nodeEngine(node.id(), node.endpoint());
            engines.put(node.endpoint(), new ResilientEngine(node, FAST));
        }
        return DockerBerth.over(engines.get(swarm.node(1).endpoint()), settings.build(), engines::get);
    }
}
