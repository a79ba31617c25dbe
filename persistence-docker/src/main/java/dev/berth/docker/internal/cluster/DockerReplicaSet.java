package dev.berth.docker.internal.cluster;

import dev.berth.ContainerSpec;
import dev.berth.Node;
import dev.berth.NodeUnavailableException;
import dev.berth.PersistentVolume;
import dev.berth.Placement;
import dev.berth.ReclaimPolicy;
import dev.berth.ReplicaSet;
import dev.berth.ReplicaSetSpec;
import dev.berth.StatefulContainer;
import dev.berth.VolumeSpec;
import dev.berth.docker.internal.container.DockerStatefulContainer;
import dev.berth.docker.internal.engine.Engine;
import dev.berth.docker.internal.node.EngineContext;
import dev.berth.docker.internal.node.Labels;
import dev.berth.docker.internal.volume.DockerVolumeBuilder;
import dev.berth.docker.internal.volume.VolumeStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ReplicaSet} of {@link DockerStatefulContainer}s. A replica's volumes are named by its ordinal and kept with
 * {@link ReclaimPolicy#RETAIN}; a replica starts where they are, found on any node, and a new ordinal goes to the node
 * {@link ReplicaNodes} picks. Where a down node might hold an ordinal's data, nothing is started for that ordinal.
 */
public final class DockerReplicaSet implements ReplicaSet {
    private static final Logger LOG = LoggerFactory.getLogger(DockerReplicaSet.class);
    static final String SET_LABEL = Labels.PREFIX + "replica-set";
    static final String ORDINAL_LABEL = Labels.PREFIX + "ordinal";

    private final EngineContext ctx;
    private final ReplicaSetSpec spec;
    private final List<StatefulContainer> replicas = new ArrayList<>();
    /** Former primaries stopped by a promotion while their node was down: never started again by the set. */
    private final Set<String> fenced = new HashSet<>();
    private int primary;

    public DockerReplicaSet(EngineContext ctx, ReplicaSetSpec spec) {
        this.ctx = ctx;
        this.spec = spec;
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public ReplicaSetSpec spec() {
        return spec;
    }

    @Override
    public synchronized int size() {
        return replicas.size();
    }

    @Override
    public synchronized List<StatefulContainer> replicas() {
        return List.copyOf(replicas);
    }

    @Override
    public synchronized StatefulContainer replica(int ordinal) {
        if (ordinal < 0 || ordinal >= replicas.size()) {
            throw new IllegalArgumentException("Replica set '" + spec.name() + "' has " + replicas.size()
                    + " replicas (ordinals 0 to " + (replicas.size() - 1) + "), not ordinal " + ordinal);
        }
        return replicas.get(ordinal);
    }

    @Override
    public synchronized ReplicaSet scale(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("a replica set has 0 or more replicas, not " + size);
        }
        while (replicas.size() > size) {
            StatefulContainer last = replicas.remove(replicas.size() - 1);
            last.remove();
            fenced.remove(last.name());
            LOG.info("Scaled replica set {} down: removed {}; its volumes are kept", spec.name(), last.name());
        }
        while (replicas.size() < size) {
            replicas.add(startReplica(replicas.size()));
        }
        if (primary >= replicas.size()) {
            primary = 0;
        }
        return this;
    }

    @Override
    public synchronized void rollingRecreate() {
        for (int i = 0; i < replicas.size(); i++) {
            if (i != primary && !fenced.contains(replicas.get(i).name())) {
                replicas.get(i).recreate();
            }
        }
        if (!replicas.isEmpty()) {
            replicas.get(primary).recreate();
        }
        LOG.info("Recreated the {} replicas of set {} one at a time{}", replicas.size() - fenced.size(), spec.name(),
                fenced.isEmpty() ? "" : "; former primaries " + fenced + " stay stopped");
    }

    @Override
    public synchronized StatefulContainer primary() {
        return replica(primary);
    }

    @Override
    public synchronized void promote(StatefulContainer replica) {
        int promoted = ordinalOf(replica);
        if (promoted == primary) {
            return;
        }
        StatefulContainer former = replicas.get(primary);
        if (isDown(former.node())) {
            // Its node may come back with it, and Swarm would start it again: a second primary. Stopped now, through
            // the manager, it stays stopped when the node returns.
            former.stop();
            fenced.add(former.name());
            LOG.warn("The primary {} of set {} was on node {}, which is down: it is stopped, and stays stopped when "
                    + "the node returns (its volumes are kept)", former.name(), spec.name(), former.node().id());
        }
        primary = promoted;
        fenced.remove(replica.name());
        LOG.info("Replica {} is now the primary of set {}", replica.name(), spec.name());
    }

    private int ordinalOf(StatefulContainer replica) {
        for (int i = 0; i < replicas.size(); i++) {
            if (replicas.get(i).name().equals(replica.name())) {
                return i;
            }
        }
        throw new IllegalArgumentException("'" + replica.name() + "' is not a replica of set '" + spec.name()
                + "', whose replicas are " + replicas.stream().map(StatefulContainer::name).toList());
    }

    private boolean isDown(Node node) {
        return ctx.cluster().isSwarm() && ctx.cluster().node(node.id()).filter(Node::ready).isEmpty();
    }

    @Override
    public synchronized void remove() {
        scale(0);
    }

    private StatefulContainer startReplica(int ordinal) {
        EngineContext home = homeOf(ordinal);
        StatefulContainer.Builder replica = new DockerContainerBuilder(ctx, spec.replicaName(ordinal));
        if (ordinal != primary && spec.replicaTemplate().isPresent() && primary < replicas.size()) {
            spec.replicaTemplate().get().accept(replica, replicas.get(primary));
        } else {
            spec.template().accept(replica);
        }
        spec.volumeTemplates().forEach((template, path) -> replica.mount(volume(home, template, ordinal), path));
        replica.label(SET_LABEL, spec.name()).label(ORDINAL_LABEL, Integer.toString(ordinal));
        // The node was chosen here (by data, then by spread): pin it, within the set's placement.
        spec.placement().ifPresent(p -> replica.placement(p.and(Placement.node(home.node().id()))));
        StatefulContainer started = replica.start();
        LOG.info("Started replica {} of set {} on node {}", started.name(), spec.name(), started.node().id());
        return started;
    }

    /** Where the replica of {@code ordinal} runs: where its data is, else a node chosen for it. */
    private EngineContext homeOf(int ordinal) {
        if (!ctx.cluster().isSwarm()) {
            return ctx;
        }
        List<String> volumes = spec.volumeTemplates().keySet().stream().map(t -> spec.volumeName(t, ordinal)).toList();
        List<Node> unreachable = new ArrayList<>();
        for (Node node : ctx.cluster().nodes()) {
            Optional<EngineContext> on = reach(node);
            if (on.isEmpty()) {
                unreachable.add(node);
            } else if (volumes.stream().anyMatch(v -> VolumeStore.of(on.get()).find(v).isPresent())) {
                return on.get();
            }
        }
        if (!volumes.isEmpty() && !unreachable.isEmpty()) {
            Node down = unreachable.get(0);
            throw new NodeUnavailableException(down.id(), "Node " + down.id() + " (" + down.name() + ") cannot be "
                    + "reached, and it may hold volumes " + volumes + " of replica " + spec.replicaName(ordinal)
                    + ": Berth does not start that replica elsewhere on empty volumes. Wait for the node, or restore "
                    + "the replica's latest snapshot on another node explicitly.");
        }
        if (spec.placement().isEmpty()) {
            return ctx;
        }
        List<Node> taken = replicas.stream().map(StatefulContainer::node).toList();
        return ctx.on(ReplicaNodes.choose(ctx.cluster().nodes(), spec.placement().get(), taken));
    }

    private Optional<EngineContext> reach(Node node) {
        if (!node.ready()) {
            return Optional.empty();
        }
        try {
            EngineContext on = ctx.on(node);
            on.engine().ping();
            return Optional.of(on);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private PersistentVolume volume(EngineContext home, String template, int ordinal) {
        String name = spec.volumeName(template, ordinal);
        return VolumeStore.of(home).find(name).orElseGet(() -> {
            PersistentVolume.Builder volume = new DockerVolumeBuilder(home, name).reclaimPolicy(ReclaimPolicy.RETAIN)
                    .label(SET_LABEL, spec.name()).label(ORDINAL_LABEL, Integer.toString(ordinal));
            if (home.cluster().isSwarm()) {
                volume.node(home.node()); // on the node chosen for the ordinal: never bound elsewhere on first use
            }
            return volume.create();
        });
    }

    @Override
    public String toString() {
        return "ReplicaSet[" + spec.name() + ", replicas=" + size() + "]";
    }
}
