package dev.berth.docker.internal.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.AccessMode;
import dev.berth.BerthSettings;
import dev.berth.ExclusiveAccessException;
import dev.berth.PersistentVolume;
import dev.berth.RetryPolicy;
import dev.berth.VolumeMount;
import dev.berth.VolumeSpec;
import dev.berth.docker.internal.engine.ContainerDefinition;
import dev.berth.docker.internal.engine.Engine;
import dev.berth.docker.internal.engine.Mount;
import dev.berth.docker.internal.engine.ResilientEngine;
import dev.berth.docker.internal.engine.ServiceDefinition;
import dev.berth.docker.internal.fake.Definitions;
import dev.berth.docker.internal.fake.FakeNode;
import dev.berth.docker.internal.fake.FakeSwarm;
import dev.berth.docker.internal.node.EngineContext;
import dev.berth.docker.internal.node.Labels;
import dev.berth.docker.internal.volume.VolumeStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The writer lock under many interleavings: 2 to 4 contenders race for one volume, in one of three ways: plain
 * containers, Swarm services, or plain containers on different nodes of a Swarm sharing one GLOBAL volume (whose
 * lock is a Swarm config). The fake engine's calls are interleaved by the threads and by random pauses before each call. Exactly
 * one wins each round, every time; and a winner that crashed before its container ran is released once its grace
 * has passed on the engine's clock, so that the next contender wins.
 */
class WriterLockPropertyTest {
    private static final int ROUNDS = 10_000;
    private static final String IMAGE = "busybox:1.35";
    private static final RetryPolicy FAST = RetryPolicy.builder().maxAttempts(3)
            .backoff(Duration.ofMillis(1), Duration.ofMillis(2)).build();

    @Test
    void exactlyOneOfTwoToFourContendersWinsEveryRoundAndACrashedWinnerIsReleased() throws Exception {
        Random random = new Random(20261201);
        int crashesReleased = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Way way = Way.values()[round % Way.values().length];
            int contenders = 2 + random.nextInt(3);
            Round r = new Round(way, random.nextLong());
            List<String> winners = r.race(contenders, "r" + round);
            assertThat(winners).as("round %d: %d contenders, %s", round, contenders, way).hasSize(1);
            if (round % 10 == 0) {
                r.crashOf(winners.get(0));
                r.swarm.advance(HolderLiveness.GRACE.plusSeconds(1));
                assertThat(r.race(1, "after" + round)).as("round %d: the crashed holder is released", round)
                        .hasSize(1);
                crashesReleased++;
            }
        }
        assertThat(crashesReleased).isEqualTo(ROUNDS / 10);
    }

    /** How the contenders run. */
    private enum Way { PLAIN, SWARM_SERVICE, GLOBAL_VOLUME_ACROSS_NODES }

    /** One volume (on node 1, or GLOBAL on every node) and the contenders for it. */
    private static final class Round {
        final FakeSwarm swarm;
        final FakeNode node;
        final EngineContext ctx;
        final List<VolumeMount> mounts;
        final Way way;
        final boolean asService;
        final Random random;
        final Map<String, Boolean> crashed = new ConcurrentHashMap<>();
        final Map<String, Integer> nodeOf = new ConcurrentHashMap<>();

        Round(Way way, long seed) {
            this.way = way;
            this.asService = way == Way.SWARM_SERVICE;
            this.random = new Random(seed);
            this.swarm = switch (way) {
                case PLAIN -> FakeSwarm.single();
                case SWARM_SERVICE -> FakeSwarm.of(2);
                case GLOBAL_VOLUME_ACROSS_NODES -> FakeSwarm.of(3);
            };
            this.node = swarm.node(1);
            for (FakeNode n : swarm.nodes()) {
                n.addImage(IMAGE);
                n.addVolumeDriver("shared", "global");
                n.faults().beforeCall("createContainer", this::jitter).beforeCall("inspectContainer", this::jitter)
                        .beforeCall("removeContainer", this::jitter).beforeCall("createConfig", this::jitter)
                        .beforeCall("configs", this::jitter).beforeCall("removeConfig", this::jitter);
            }
            Map<String, Engine> engines = new ConcurrentHashMap<>();
            swarm.nodes().forEach(n -> engines.put(n.endpoint(), new ResilientEngine(n, FAST)));
            BerthSettings.Builder settings = BerthSettings.builder().helperImage(IMAGE).retryPolicy(FAST);
            swarm.nodes().forEach(n -> settings.nodeEngine(n.id(), n.endpoint()));
            this.ctx = EngineContext.connected(engines.get(node.endpoint()), settings.build(), (c, v, n, k) -> null,
                    engines::get);
            VolumeSpec.Builder spec = VolumeSpec.builder("data");
            if (way == Way.GLOBAL_VOLUME_ACROSS_NODES) {
                spec.driver("shared");
                swarm.nodes().forEach(n -> VolumeStore.of(on(n)).create(spec.build()));
            }
            PersistentVolume volume = VolumeStore.of(ctx).create(spec.build());
            assertThat(volume.accessMode()).isEqualTo(AccessMode.SINGLE_WRITER);
            this.mounts = List.of(new VolumeMount(volume, "/data", false));
        }

        private EngineContext on(FakeNode n) {
            return ctx.on(ctx.cluster().node(n.id()).orElseThrow());
        }

        /** Where contender {@code i} starts: node 1, or for a GLOBAL volume, each on the next node. */
        private FakeNode nodeFor(int i) {
            return way == Way.GLOBAL_VOLUME_ACROSS_NODES ? swarm.node(1 + i % swarm.nodes().size()) : node;
        }

        private void jitter() {
            if (random.nextInt(3) == 0) {
                Thread.yield();
            }
        }

        /** {@code n} contenders start at once; returns those that won the lock and run. */
        List<String> race(int n, String prefix) throws Exception {
            CyclicBarrier start = new CyclicBarrier(n);
            List<String> winners = java.util.Collections.synchronizedList(new ArrayList<>());
            AtomicInteger refused = new AtomicInteger();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String holder = prefix + "-c" + i;
                FakeNode where = nodeFor(i);
                nodeOf.put(holder, where.number());
                EngineContext from = way == Way.GLOBAL_VOLUME_ACROSS_NODES ? on(where) : ctx;
                Thread t = new Thread(() -> {
                    try {
                        start.await();
                        WriterLock.acquire(from, holder, mounts);
                        winners.add(holder);
                        run(holder);
                    } catch (ExclusiveAccessException e) {
                        refused.incrementAndGet();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) {
                t.join(10_000);
            }
            assertThat(winners.size() + refused.get()).isEqualTo(n);
            return winners;
        }

        /** The winner's container runs: plain, or as its Swarm service's task on node 1. */
        private void run(String holder) {
            if (crashed.containsKey(holder)) {
                return;
            }
            Map<String, String> labels = Map.of(Labels.CONTAINER, holder);
            if (asService) {
                ServiceDefinition d = Definitions.withContainerLabels(
                        Definitions.service(holder, IMAGE, "node.id==" + node.id()), labels);
                swarm.manager().createService(d);
            } else {
                ContainerDefinition d = Definitions.container(holder, IMAGE, dev.berth.RestartPolicy.NO,
                        Mount.volume("data", "/data", false)).withLabel(Labels.CONTAINER, holder);
                FakeNode where = swarm.node(nodeOf.get(holder));
                where.startContainer(where.createContainer(d));
            }
        }

        /** The holder's process died: its container or service is gone, its lock left behind. */
        void crashOf(String holder) {
            crashed.put(holder, true);
            if (asService) {
                swarm.manager().findService(holder).ifPresent(s -> swarm.manager().removeService(s.id()));
            } else {
                swarm.node(nodeOf.get(holder)).removeContainer(holder);
            }
        }
    }
}
