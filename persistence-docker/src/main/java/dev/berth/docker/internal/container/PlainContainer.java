package dev.berth.docker.internal.container;

import dev.berth.BerthException;
import dev.berth.ContainerSpec;
import dev.berth.NameTakenException;
import dev.berth.docker.internal.engine.ContainerInfo;
import dev.berth.docker.internal.engine.Engine;
import dev.berth.docker.internal.guard.WriterLock;
import dev.berth.docker.internal.node.EngineContext;
import dev.berth.docker.internal.node.Images;
import dev.berth.docker.internal.node.Labels;
import dev.berth.docker.internal.node.Redaction;
import dev.berth.docker.internal.node.SpecHash;
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
        Optional<ContainerInfo> existing = inspectByName();
        if (existing.isPresent()) {
            ContainerInfo old = existing.get();
            if (!Labels.isManaged(old.labels())) {
                throw new NameTakenException(spec.name());
            }
            if (start && old.running() && SpecHash.of(spec).equals(old.labels().get(Labels.SPEC_HASH))) {
                containerId = old.id();
                LOG.info("Container {} already runs with this spec; using it", spec.name());
                return Optional.of(old.id());
            }
            engine().removeContainer(old.id());
        }
        Images.ensure(engine(), spec.image());
        if (!start) {
            containerId = ContainerCreation.create(engine(), spec, ctx.settings().labels());
            return Optional.empty();
        }
        WriterLock.acquire(ctx, spec.name(), spec.mounts());
        String id;
        try {
            id = ContainerCreation.create(engine(), spec, ctx.settings().labels());
            containerId = id;
            engine().startContainer(id);
        } catch (RuntimeException e) {
            // A container that never started must not hold its volumes.
            Optional.ofNullable(containerId).ifPresent(engine()::removeContainer);
            containerId = null;
            WriterLock.release(ctx, spec.name(), spec.mounts());
            throw new BerthException("The engine could not start container '" + spec.name() + "': "
                    + Redaction.mask(String.valueOf(e.getMessage()), spec.secretEnv().values()), e);
        }
        LOG.info("Started container {} ({}) on volumes {}", spec.name(), spec.image(), spec.mounts());
        return Optional.of(id);
    }

    @Override
    public void stop() {
        String id = container().orElseThrow(() -> Incarnation.none(spec.name()));
        // Stopped is stopped: an engine restart must not bring it back beside the writer that takes its volume next.
        // The next start() makes a fresh container, with the spec's own policy.
        if (spec.restartPolicy() != dev.berth.RestartPolicy.NO) {
            engine().updateRestartPolicy(id, dev.berth.RestartPolicy.NO);
        }
        engine().stopContainer(id, spec.stopTimeout());
        WriterLock.release(ctx, spec.name(), spec.mounts());
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
            engine().removeContainer(id);
            containerId = null;
            WriterLock.release(ctx, spec.name(), spec.mounts());
        }
    }

    @Override
    public void removeLeftovers() {
        engine().removeContainer(spec.name());
    }

    private Optional<ContainerInfo> inspectByName() {
        return engine().inspectContainer(spec.name()).filter(c -> c.name().equals(spec.name()));
    }
}
