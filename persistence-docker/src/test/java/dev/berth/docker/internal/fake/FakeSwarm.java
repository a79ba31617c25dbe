package dev.berth.docker.internal.fake;

import dev.berth.docker.internal.engine.SwarmNodeInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A cluster of fake Docker engines for unit tests: one plain engine ({@link #single()}), or a Swarm of nodes whose
 * first is its only manager ({@link #of(int)}). Nodes are numbered from 1: node 1 is {@code node-1}, at
 * {@code fake://node-1}. A node can be taken {@linkplain #down down} and brought back {@linkplain #up up}; a down
 * node answers nothing, and the manager reports it not ready.
 *
 * <p>Time is a logical clock, never the JVM's: it starts at 2025-01-01T00:00:00Z and moves 1 ms with each call a
 * node takes and each change Swarm makes, and as far as a test {@linkplain #advance advances} it. Created times come
 * from it, and restart delays pass on it: a container that exited on its own stays {@code restarting} until the
 * clock has moved 100 ms, and a task that exited is replaced only once the clock has passed its service's
 * {@code restartDelay}.
 *
 * <p>Swarm reconciles (see {@link Reconciler}) after every call to any node and every change a test makes, unless
 * {@linkplain #reconcileAutomatically turned off}; then it does only when the test calls {@link #reconcile()}.
 *
 * <p>All state is changed under one lock, this object's monitor; it is never held while a fault delays a call or
 * holds it for a meeting, nor while an exec's script runs.
 */
public final class FakeSwarm {
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    private final List<FakeNode> nodes = new ArrayList<>();
    private final boolean swarm;
    private final Set<String> registry = ConcurrentHashMap.newKeySet();
    private final Ids ids = new Ids();
    private final FakeServices services = new FakeServices(this);
    private final FakeSecrets secrets = new FakeSecrets();
    private final FakeConfigs configs = new FakeConfigs();
    private final Reconciler reconciler = new Reconciler(this);
    private Instant now = START;
    private boolean reconcilingAutomatically = true;

    private FakeSwarm(int count, boolean swarm) {
        this.swarm = swarm;
        for (int number = 1; number <= count; number++) {
            nodes.add(new FakeNode(this, number));
        }
    }

    /** One plain engine, in no Swarm. */
    public static FakeSwarm single() {
        return new FakeSwarm(1, false);
    }

    /** A Swarm of this many nodes; node 1 is its manager, the others its workers. */
    public static FakeSwarm of(int nodes) {
        if (nodes < 1) {
            throw new IllegalArgumentException("a Swarm has one node at least, not " + nodes);
        }
        return new FakeSwarm(nodes, true);
    }

    /** Node {@code number}, counted from 1. */
    public FakeNode node(int number) {
        if (number < 1 || number > nodes.size()) {
            throw new IllegalArgumentException("there are nodes 1 to " + nodes.size() + ", no node " + number);
        }
        return nodes.get(number - 1);
    }

    public FakeNode manager() {
        return nodes.get(0);
    }

    public List<FakeNode> nodes() {
        return List.copyOf(nodes);
    }

    /** Whether the nodes form a Swarm (from {@link #of}) rather than one plain engine. */
    public boolean isSwarm() {
        return swarm;
    }

    /** Every call to the node fails UNREACHABLE from now on; its containers keep their state. */
    public synchronized void down(int number) {
        node(number).setUp(false);
        settle();
    }

    public synchronized void up(int number) {
        node(number).setUp(true);
        settle();
    }

    public synchronized Instant clock() {
        return now;
    }

    public synchronized void advance(Duration duration) {
        now = now.plus(duration);
        settle();
    }

    /**
     * The images a pull can fetch, and that a Swarm node fetches for a task when it lacks the image; a test adds to
     * it (Swarm notices at its next reconcile). Thread-safe.
     */
    public Set<String> registry() {
        return registry;
    }

    /** Lets Swarm act once now: fill, replace, restart and shut down tasks as its services say. */
    public synchronized void reconcile() {
        reconciler.reconcile();
        notifyAll();
    }

    /** Whether Swarm reconciles after every call and change (the default) or only on {@link #reconcile()}. */
    public synchronized FakeSwarm reconcileAutomatically(boolean on) {
        reconcilingAutomatically = on;
        return this;
    }

    Ids ids() {
        return ids;
    }

    FakeSecrets secrets() {
        return secrets;
    }

    FakeConfigs configs() {
        return configs;
    }

    FakeServices services() {
        return services;
    }

    synchronized Instant tick() {
        now = now.plusMillis(1);
        return now;
    }

    /**
     * After a change: each engine starts again what is due to restart, Swarm reconciles if it does so automatically,
     * and whoever waits for a change wakes.
     */
    synchronized void settle() {
        nodes.forEach(n -> n.containers().resumeRestarts(now));
        if (reconcilingAutomatically) {
            reconciler.reconcile();
        }
        notifyAll();
    }

    /** A change a test makes from outside the engine calls. */
    synchronized <T> T change(Supplier<T> change) {
        try {
            return change.get();
        } finally {
            settle();
        }
    }

    synchronized void change(Runnable change) {
        change(() -> {
            change.run();
            return null;
        });
    }

    /** Waits (releasing the lock) until something changes or the time is up. */
    synchronized void awaitChange(long nanos) throws InterruptedException {
        TimeUnit.NANOSECONDS.timedWait(this, nanos);
    }

    boolean inRegistry(String image) {
        String wanted = FakeImages.normalize(image);
        return registry.stream().anyMatch(r -> FakeImages.normalize(r).equals(wanted));
    }

    Optional<FakeNode> nodeById(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
    }

    synchronized List<SwarmNodeInfo> nodeInfos() {
        return nodes.stream().map(n -> new SwarmNodeInfo(n.id(), n.hostname(), n.isManager(), n.labels(), n.isUp(),
                "10.0.0." + (nodes.indexOf(n) + 1))).toList();
    }

    Instant start() {
        return START;
    }
}
