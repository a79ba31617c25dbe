package dev.berth.docker.internal;

import com.github.dockerjava.api.command.InspectContainerResponse;
import dev.berth.BerthException;
import dev.berth.ContainerSpec;
import dev.berth.NameTakenException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stateful container as a plain container of its node's engine, named as the spec says. A start creates a fresh
 * one (labelled as a contender for its volumes), claims its volumes through the {@link WriterGuard}, then starts it;
 * an older container of Berth's under the name is replaced.
 */
final class PlainContainer implements Incarnation {
    private static final Logger LOG = LoggerFactory.getLogger(PlainContainer.class);

    private final EngineContext ctx;
    private final ContainerSpec spec;
    private volatile @Nullable String containerId;

    PlainContainer(EngineContext ctx, ContainerSpec spec) {
        this.ctx = ctx;
        this.spec = spec;
    }

    private Engine engine() {
        return ctx.engine();
    }

    @Override
    public Optional<String> launch(boolean start) {
        Optional<InspectContainerResponse> existing = inspectByName();
        if (existing.isPresent()) {
            InspectContainerResponse old = existing.get();
            if (!Labels.isManaged(old.getConfig().getLabels())) {
                throw new NameTakenException(spec.name());
            }
            if (start && Boolean.TRUE.equals(old.getState().getRunning())
                    && SpecHash.of(spec).equals(old.getConfig().getLabels().get(Labels.SPEC_HASH))) {
                containerId = old.getId();
                LOG.info("Container {} already runs with this spec; using it", spec.name());
                return Optional.of(old.getId());
            }
            removeContainer(old.getId());
        }
        Images.ensure(engine(), spec.image());
        String id = ContainerCreation.create(engine(), spec, ctx.settings().labels(), start);
        containerId = id;
        if (!start) {
            return Optional.empty();
        }
        WriterGuard.claim(engine(), spec.name(), id, spec.mounts());
        try {
            engine().run(() -> engine().client().startContainerCmd(id).exec());
        } catch (RuntimeException e) {
            // A contender that never started must not hold its volumes.
            removeContainer(id);
            containerId = null;
            throw new BerthException("The engine could not start container '" + spec.name() + "': "
                    + Redaction.mask(String.valueOf(e.getMessage()), spec.secretEnv().values()), e);
        }
        LOG.info("Started container {} ({}) on volumes {}", spec.name(), spec.image(), spec.mounts());
        return Optional.of(id);
    }

    @Override
    public void stop() {
        ContainerIo.stop(engine(), container().orElseThrow(() -> Incarnation.none(spec.name())), spec.stopTimeout());
    }

    @Override
    public String recreate() {
        remove();
        return launch(true).orElseThrow();
    }

    @Override
    public Optional<String> container() {
        return Optional.ofNullable(containerId);
    }

    @Override
    public void remove() {
        String id = containerId;
        if (id != null) {
            removeContainer(id);
            containerId = null;
        }
    }

    @Override
    public void removeLeftovers() {
        engine().runIgnoringAbsent(() -> engine().client().removeContainerCmd(spec.name())
                .withForce(true).withRemoveVolumes(true).exec());
    }

    /** Removes a container with its anonymous volumes; named volumes are never touched by this. */
    private void removeContainer(String id) {
        engine().runIgnoringAbsent(() -> engine().client().removeContainerCmd(id)
                .withForce(true).withRemoveVolumes(true).exec());
    }

    private Optional<InspectContainerResponse> inspectByName() {
        return engine().find(() -> engine().client().inspectContainerCmd(spec.name()).exec())
                .filter(c -> c.getName().equals("/" + spec.name()));
    }
}
