package dev.berth.docker.internal.volume;

import dev.berth.AccessMode;
import dev.berth.BerthException;
import dev.berth.DeleteOption;
import dev.berth.EngineCallException;
import dev.berth.Node;
import dev.berth.NotFoundException;
import dev.berth.NotOwnedException;
import dev.berth.PersistentVolume;
import dev.berth.ReclaimPolicy;
import dev.berth.UnknownDriverException;
import dev.berth.VolumeConflictException;
import dev.berth.VolumeInUseException;
import dev.berth.VolumeScope;
import dev.berth.VolumeSpec;
import dev.berth.Volumes;
import dev.berth.docker.internal.engine.ContainerInfo;
import dev.berth.docker.internal.engine.ContainerQuery;
import dev.berth.docker.internal.engine.Engine;
import dev.berth.docker.internal.engine.VolumeInfo;
import dev.berth.docker.internal.node.EngineContext;
import dev.berth.docker.internal.node.Labels;
import dev.berth.docker.internal.node.SpecHash;
import dev.berth.docker.internal.node.Specs;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates, finds, lists and deletes the volumes of one engine. Thread-safe. */
public final class VolumeStore implements Volumes {
    private static final Logger LOG = LoggerFactory.getLogger(VolumeStore.class);

    private final EngineContext ctx;
    private final Engine engine;
    private final Map<String, String> settingsLabels;

    /** The volumes of the context's engine. */
    public static VolumeStore of(EngineContext ctx) {
        return new VolumeStore(ctx);
    }

    private VolumeStore(EngineContext ctx) {
        this.ctx = ctx;
        this.engine = ctx.engine();
        this.settingsLabels = ctx.settings().labels();
    }

    /** The node whose engine holds these volumes. */
    Node node() {
        return ctx.node();
    }

    EngineContext context() {
        return ctx;
    }

    /** Idempotent: the engine's create returns the existing volume of that name, which is then compared. */
    public PersistentVolume create(VolumeSpec spec) {
        MoveRecovery.settle(ctx, spec.name());
        requireNoCopyElsewhere(spec);
        return createHere(spec, Map.of());
    }

    /**
     * On a Swarm, for a volume asked for without a node: the one Berth made of that name on any node (a volume bound
     * on first use, or moved), or else a new one here, {@linkplain FirstUseBinding bound on first use}.
     */
    public PersistentVolume createOrFind(VolumeSpec spec) {
        MoveRecovery.settle(ctx, spec.name());
        for (EngineContext other : ctx.everyNode()) {
            if (!other.node().id().equals(ctx.node().id()) && other.engine().inspectVolume(spec.name())
                    .filter(v -> !VolumeScopes.isGlobal(v) && Labels.isManaged(v.labels())).isPresent()) {
                return of(other).createHere(spec, Map.of()); // settled above; that node holds the one copy
            }
        }
        return createHere(spec, FirstUseBinding.UNBOUND);
    }

    /**
     * A LOCAL volume has one copy: on a Swarm, one of that name that Berth made on another node refuses the create,
     * so that no empty twin appears beside data a move took there.
     */
    private void requireNoCopyElsewhere(VolumeSpec spec) {
        for (EngineContext other : ctx.everyNode()) { // without a Swarm, this one alone
            if (other.node().id().equals(ctx.node().id())) {
                continue;
            }
            other.engine().inspectVolume(spec.name())
                    .filter(v -> !VolumeScopes.isGlobal(v) && Labels.isManaged(v.labels()))
                    .ifPresent(v -> {
                        throw new VolumeConflictException(spec.name(), "a volume of that name on node "
                                + other.node().id(), "another on node " + ctx.node().id() + ": a LOCAL volume has one "
                                + "copy. Use volume(\"" + spec.name() + "\").node(...) with node " + other.node().id()
                                + ", or move it there");
                    });
        }
    }

    /** Creates the volume on this node only, whatever other nodes hold: a move's target copy, with Berth's {@code own} labels. */
    PersistentVolume createHere(VolumeSpec spec, Map<String, String> own) {
        Map<String, String> labels = Labels.forNew(settingsLabels, spec.labels());
        labels.putAll(own);
        labels.put(Labels.SPEC_HASH, SpecHash.of(spec));
        labels.put(Labels.ACCESS_MODE, spec.accessMode().name());
        labels.put(Labels.RECLAIM_POLICY, spec.reclaimPolicy().name());
        spec.scope().ifPresent(scope -> labels.put(Labels.SCOPE, scope.name()));
        try {
            engine.createVolume(spec.name(), spec.driver(), spec.options(), labels);
        } catch (EngineCallException e) {
            failedCreate(spec, e);
        }
        // The create returns an existing volume of that name as it is: compare it with what was asked for.
        VolumeInfo actual = engine.inspectVolume(spec.name())
                .orElseThrow(() -> new BerthException("Volume '" + spec.name() + "' vanished right after it was "
                        + "created; something removes volumes concurrently: try again."));
        return resolve(spec, actual);
    }

    /** A 409 (another driver has the name) is resolved by comparing; anything else is the user's to fix. */
    private void failedCreate(VolumeSpec spec, EngineCallException e) {
        String message = String.valueOf(e.getMessage());
        if (e.reason() == EngineCallException.Reason.NOT_FOUND && message.contains("plugin")) {
            throw new UnknownDriverException(spec.driver(), installedDrivers());
        }
        if (e.reason() != EngineCallException.Reason.CONFLICT) {
            throw new BerthException("The engine refused to create volume '" + spec.name() + "': " + message, e);
        }
    }

    private PersistentVolume resolve(VolumeSpec requested, VolumeInfo actual) {
        Map<String, String> labels = actual.labels();
        if (Labels.isManaged(labels)) {
            if (SpecHash.of(requested).equals(labels.get(Labels.SPEC_HASH))) {
                LOG.debug("Volume {} is ready", requested.name());
                return new DockerVolume(this, requested, true);
            }
            throw new VolumeConflictException(requested.name(), specOf(actual).toString(), requested.toString());
        }
        if (requested.driver().equals(actual.driver()) && requested.options().equals(actual.options())) {
            LOG.info("Adopted volume {}: Berth did not create it, so it will never delete or prune it implicitly",
                    requested.name());
            return new DockerVolume(this, requested, false);
        }
        throw new VolumeConflictException(requested.name(), specOf(actual).toString(), requested.toString());
    }

    VolumeSpec specOf(VolumeInfo v) {
        Map<String, String> labels = v.labels();
        return Specs.volume(v.name(), v.driver(), v.options(),
                Labels.userLabels(labels, settingsLabels),
                Specs.parse(AccessMode.class, labels.get(Labels.ACCESS_MODE), AccessMode.SINGLE_WRITER),
                Specs.parse(ReclaimPolicy.class, labels.get(Labels.RECLAIM_POLICY), ReclaimPolicy.RETAIN),
                Specs.parse(VolumeScope.class, labels.get(Labels.SCOPE), null));
    }

    private PersistentVolume handleOf(VolumeInfo v) {
        return new DockerVolume(this, specOf(v), Labels.isManaged(v.labels()));
    }

    @Override
    public List<PersistentVolume> list() {
        return withLabels(Map.of());
    }

    @Override
    public List<PersistentVolume> withLabels(Map<String, String> labels) {
        return engine.listVolumes(Labels.managed(labels)).stream().map(this::handleOf).toList();
    }

    @Override
    public Optional<PersistentVolume> find(String name) {
        return engine.inspectVolume(name).map(this::handleOf);
    }

    VolumeScope scopeOf(String name) {
        VolumeInfo volume = engine.inspectVolume(name).orElseThrow(() -> new NotFoundException("volume", name));
        return VolumeScopes.of(volume);
    }

    /** What the engine's disk-usage report says the volume takes; -1 when its driver does not say. */
    long sizeOf(String name) {
        return DiskUsage.sizeOf(engine, name);
    }

    /** The names of the containers, in any state, that mount the volume. */
    public List<String> containersUsing(String name) {
        return engine.listContainers(ContainerQuery.mounting(name)).stream().map(VolumeStore::nameOf).toList();
    }

    /** Berth's name for the container (a Swarm task's container carries its service's), else Docker's. */
    public static String nameOf(ContainerInfo c) {
        return c.label(Labels.CONTAINER).orElse(c.name());
    }

    void delete(PersistentVolume volume, DeleteOption... options) {
        String name = volume.name();
        if (!volume.createdByBerth() && !Arrays.asList(options).contains(DeleteOption.INCLUDING_ADOPTED)) {
            throw new NotOwnedException("volume", name);
        }
        // one already gone is deleted: nothing to do on this node or any other
        boolean global = engine.inspectVolume(name).filter(v -> VolumeScopes.of(v) == VolumeScope.GLOBAL).isPresent();
        List<String> users = global ? GlobalVolumes.usersOnEveryNode(ctx, name) : containersUsing(name);
        if (!users.isEmpty()) {
            throw new VolumeInUseException(name, users);
        }
        try {
            engine.removeVolume(name);
        } catch (EngineCallException e) {
            if (e.reason() == EngineCallException.Reason.CONFLICT) {
                throw new VolumeInUseException(name, containersUsing(name));
            }
            throw e;
        }
        if (global) {
            GlobalVolumes.deleteOnOtherNodes(ctx, name);
        }
        LOG.info("Deleted volume {}", name);
    }

    private List<String> installedDrivers() {
        return PluginInventory.volumeDrivers(engine);
    }
}
