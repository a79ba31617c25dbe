package dev.berth.docker.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.model.Container;
import dev.berth.AccessMode;
import dev.berth.BerthException;
import dev.berth.DeleteOption;
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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates, finds, lists and deletes the volumes of one engine. Thread-safe. */
final class VolumeStore implements Volumes {
    private static final Logger LOG = LoggerFactory.getLogger(VolumeStore.class);

    private final EngineContext ctx;
    private final Engine engine;
    private final Map<String, String> settingsLabels;

    VolumeStore(EngineContext ctx) {
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
    PersistentVolume create(VolumeSpec spec) {
        Map<String, String> labels = new LinkedHashMap<>(settingsLabels);
        labels.putAll(spec.labels());
        labels.put(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE);
        labels.put(Labels.SPEC_HASH, SpecHash.of(spec));
        labels.put(Labels.ACCESS_MODE, spec.accessMode().name());
        labels.put(Labels.RECLAIM_POLICY, spec.reclaimPolicy().name());
        try {
            engine.run(() -> engine.client().createVolumeCmd().withName(spec.name())
                    .withDriver(spec.driver()).withDriverOpts(spec.options()).withLabels(labels).exec());
        } catch (RuntimeException e) {
            failedCreate(spec, e);
        }
        // The create returns an existing volume of that name as it is: compare it with what was asked for.
        InspectVolumeResponse actual = engine.find(() -> engine.client().inspectVolumeCmd(spec.name()).exec())
                .orElseThrow(() -> new BerthException("Volume '" + spec.name() + "' vanished right after it was "
                        + "created; something removes volumes concurrently: try again."));
        return resolve(spec, actual);
    }

    /** A 409 (another driver has the name) is resolved by comparing; anything else is the user's to fix. */
    private void failedCreate(VolumeSpec spec, RuntimeException e) {
        Failure failure = FailureClassifier.classify(e);
        String message = String.valueOf(e.getMessage());
        if (failure == Failure.NOT_FOUND && message.contains("plugin")) {
            throw new UnknownDriverException(spec.driver(), installedDrivers());
        }
        if (failure != Failure.CONFLICT) {
            throw new BerthException("The engine refused to create volume '" + spec.name() + "': " + message, e);
        }
    }

    private PersistentVolume resolve(VolumeSpec requested, InspectVolumeResponse actual) {
        Map<String, String> labels = Optional.ofNullable(actual.getLabels()).orElse(Map.of());
        if (Labels.isManaged(labels)) {
            if (SpecHash.of(requested).equals(labels.get(Labels.SPEC_HASH))) {
                LOG.debug("Volume {} is ready", requested.name());
                return new DockerVolume(this, requested, true);
            }
            throw new VolumeConflictException(requested.name(), specOf(actual).toString(), requested.toString());
        }
        Map<String, String> options = Optional.ofNullable(actual.getOptions()).orElse(Map.of());
        if (requested.driver().equals(actual.getDriver()) && requested.options().equals(options)) {
            LOG.info("Adopted volume {}: Berth did not create it, so it will never delete or prune it implicitly",
                    requested.name());
            return new DockerVolume(this, requested, false);
        }
        throw new VolumeConflictException(requested.name(), specOf(actual).toString(), requested.toString());
    }

    private VolumeSpec specOf(InspectVolumeResponse v) {
        Map<String, String> labels = Optional.ofNullable(v.getLabels()).orElse(Map.of());
        return Specs.volume(v.getName(), v.getDriver(), Optional.ofNullable(v.getOptions()).orElse(Map.of()),
                Labels.userLabels(labels, settingsLabels),
                Specs.parse(AccessMode.class, labels.get(Labels.ACCESS_MODE), AccessMode.SINGLE_WRITER),
                Specs.parse(ReclaimPolicy.class, labels.get(Labels.RECLAIM_POLICY), ReclaimPolicy.RETAIN));
    }

    private PersistentVolume handleOf(InspectVolumeResponse v) {
        return new DockerVolume(this, specOf(v), Labels.isManaged(v.getLabels()));
    }

    @Override
    public List<PersistentVolume> list() {
        return withLabels(Map.of());
    }

    @Override
    public List<PersistentVolume> withLabels(Map<String, String> labels) {
        List<String> filters = new java.util.ArrayList<>();
        filters.add(Labels.MANAGED_BY + "=" + Labels.MANAGED_BY_VALUE);
        labels.forEach((k, v) -> filters.add(k + "=" + v));
        List<InspectVolumeResponse> found = engine.call(() -> engine.client().listVolumesCmd()
                .withFilter("label", filters).exec().getVolumes());
        return Optional.ofNullable(found).orElse(List.of()).stream().map(this::handleOf).toList();
    }

    @Override
    public Optional<PersistentVolume> find(String name) {
        return engine.find(() -> engine.client().inspectVolumeCmd(name).exec()).map(this::handleOf);
    }

    VolumeScope scopeOf(String name) {
        JsonNode volume = engine.getJson("/volumes/" + name).orElseThrow(() -> new NotFoundException("volume", name));
        return "global".equalsIgnoreCase(volume.path("Scope").asText()) ? VolumeScope.GLOBAL : VolumeScope.LOCAL;
    }

    /** What the engine's disk-usage report says the volume takes; -1 when its driver does not say. */
    long sizeOf(String name) {
        return DiskUsage.sizeOf(engine, name);
    }

    /** The names of the containers, in any state, that mount the volume. */
    List<String> containersUsing(String name) {
        List<Container> users = engine.call(() -> engine.client().listContainersCmd().withShowAll(true)
                .withVolumeFilter(List.of(name)).exec());
        return users.stream().filter(c -> usesVolume(c, name)).map(VolumeStore::nameOf).toList();
    }

    static boolean usesVolume(Container c, String volume) {
        return c.getMounts() != null && c.getMounts().stream().anyMatch(m -> volume.equals(m.getName()));
    }

    /** Berth's name for the container (a Swarm task's container carries its service's), else Docker's. */
    static String nameOf(Container c) {
        String logical = c.getLabels() == null ? null : c.getLabels().get(Labels.CONTAINER);
        if (logical != null) {
            return logical;
        }
        String[] names = c.getNames();
        return names == null || names.length == 0 ? c.getId() : names[0].replaceFirst("^/", "");
    }

    /** Moves a volume no container uses to another node; see {@link PersistentVolume#moveTo(Node)}. */
    PersistentVolume moveTo(PersistentVolume volume, Node target) {
        if (target.id().equals(node().id())) {
            return volume;
        }
        List<String> users = containersUsing(volume.name());
        if (!users.isEmpty()) {
            throw new VolumeInUseException(volume.name(), users);
        }
        VolumeMoves moves = new VolumeMoves(ctx, ctx.on(target));
        PersistentVolume moved;
        try {
            moved = moves.move(volume);
        } catch (RuntimeException e) {
            moves.rollBack();
            throw e;
        }
        moves.retireSources();
        return moved;
    }

    void delete(PersistentVolume volume, DeleteOption... options) {
        String name = volume.name();
        if (!volume.createdByBerth() && !Arrays.asList(options).contains(DeleteOption.INCLUDING_ADOPTED)) {
            throw new NotOwnedException("volume", name);
        }
        List<String> users = containersUsing(name);
        if (!users.isEmpty()) {
            throw new VolumeInUseException(name, users);
        }
        try {
            engine.runIgnoringAbsent(() -> engine.client().removeVolumeCmd(name).exec());
        } catch (RuntimeException e) {
            if (FailureClassifier.classify(e) == Failure.CONFLICT) {
                throw new VolumeInUseException(name, containersUsing(name));
            }
            throw e;
        }
        LOG.info("Deleted volume {}", name);
    }

    private List<String> installedDrivers() {
        return PluginInventory.volumeDrivers(engine);
    }
}
