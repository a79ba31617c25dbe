package dev.berth.docker.internal;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import dev.berth.BerthException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A container that mounts one volume so that its files can be streamed through the Engine API's archive endpoints.
 * Created, never started (except to empty the volume for a restore in place), labelled as Berth's so that prune finds
 * a leftover, and removed on {@link #close()}. A read-only helper is no writer to the single-writer guard; a
 * read-write one is labelled as starting, so that while it is young no container starts writing beside it.
 */
final class ArchiveHelper implements AutoCloseable {
    /** Where the volume is mounted; archive entries are named under {@link ArchiveGuard#ROOT}. */
    static final String MOUNT = "/" + ArchiveGuard.ROOT;
    static final String HELPER_LABEL = Labels.PREFIX + "helper";
    /** Where {@link #copyWithin} mounts the volume it copies from. */
    private static final String FROM = "/berth-from";
    private static final String WIPE = "rm -rf " + MOUNT + "/..?* " + MOUNT + "/.[!.]* " + MOUNT + "/*";

    private final EngineContext ctx;
    private final String id;
    private final String name;

    private ArchiveHelper(EngineContext ctx, String id, String name) {
        this.ctx = ctx;
        this.id = id;
        this.name = name;
    }

    /** A helper that reads the volume. */
    static ArchiveHelper reading(EngineContext ctx, String volume) {
        return create(ctx, volume, true, wipe(false), null);
    }

    /** A helper that writes the volume; with {@code wipe}, {@link #wipe()} can empty it first. */
    static ArchiveHelper writing(EngineContext ctx, String volume, boolean wipe) {
        return create(ctx, volume, false, wipe(wipe), null);
    }

    /**
     * Copies the files of {@code source} into {@code target} on the same node with {@code cp -a} (owners, modes, times
     * and links as they were): a disk-to-disk copy, not a stream through the Engine API.
     */
    static void copyWithin(EngineContext ctx, String source, String target) {
        try (ArchiveHelper helper = create(ctx, target, false, "cp -a " + FROM + "/. " + MOUNT + "/", source)) {
            helper.runOnce("Copying volume '" + source + "' into volume '" + target + "' on node " + ctx.node().id(),
                    "sh and cp");
        }
    }

    private static @Nullable String wipe(boolean wipe) {
        return wipe ? WIPE : null;
    }

    /** With a {@code script}, the helper runs it once when started; with a {@code from} volume, mounts it read-only. */
    private static ArchiveHelper create(EngineContext ctx, String volume, boolean readOnly, @Nullable String script,
            @Nullable String from) {
        Engine engine = ctx.engine();
        String image = ctx.settings().helperImage();
        Images.ensure(engine, image);
        Map<String, String> labels = new LinkedHashMap<>(ctx.settings().labels());
        labels.put(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE);
        labels.put(Labels.STARTING, Boolean.toString(!readOnly));
        labels.put(HELPER_LABEL, volume);
        String name = "berth-helper-" + UUID.randomUUID().toString().substring(0, 12);
        List<Mount> mounts = new ArrayList<>();
        mounts.add(new Mount().withType(MountType.VOLUME).withSource(volume).withTarget(MOUNT).withReadOnly(readOnly));
        if (from != null) {
            mounts.add(new Mount().withType(MountType.VOLUME).withSource(from).withTarget(FROM).withReadOnly(true));
        }
        String id = engine.call(() -> {
            CreateContainerCmd cmd = engine.client().createContainerCmd(image).withName(name).withLabels(labels)
                    .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none").withMounts(mounts));
            if (script != null) {
                cmd.withEntrypoint("sh", "-c", script).withCmd(List.of());
            } else {
                cmd.withCmd("true");
            }
            return cmd.exec().getId();
        });
        return new ArchiveHelper(ctx, id, name);
    }

    String id() {
        return id;
    }

    String name() {
        return name;
    }

    /** The volume's files as a tar whose entries are named under {@link ArchiveGuard#ROOT}. */
    InputStream download() {
        return ArchiveTransport.download(ctx.engine(), ctx.settings().connectTimeout(), id, MOUNT);
    }

    /** Extracts a tar whose entries are named under {@link ArchiveGuard#ROOT} into the volume. */
    void upload(ArchiveTransport.Body body) {
        ArchiveTransport.upload(ctx.engine(), ctx.settings().connectTimeout(), id, "/", body);
    }

    /** Runs the helper once to delete everything in the volume. */
    void wipe() {
        runOnce("Emptying the volume before a restore in place (it may be partly emptied: restore in place again)",
                "sh and rm");
    }

    /** Starts the helper's script and waits for it to succeed. */
    private void runOnce(String what, String needs) {
        Engine engine = ctx.engine();
        String failure;
        try {
            engine.run(() -> engine.client().startContainerCmd(id).exec());
            Integer exit = engine.client().waitContainerCmd(id).exec(new WaitContainerResultCallback())
                    .awaitStatusCode();
            failure = exit != null && exit == 0 ? null : "exit code " + exit + ": "
                    + ContainerIo.logs(engine, id).strip();
        } catch (RuntimeException e) {
            failure = String.valueOf(e.getMessage()).strip();
        }
        if (failure != null) {
            throw new BerthException(what + " failed (" + failure + "). The helper image '"
                    + ctx.settings().helperImage() + "' needs " + needs + "; set one that has them with "
                    + "BerthSettings.builder().helperImage(...).");
        }
    }

    @Override
    public void close() {
        Engine engine = ctx.engine();
        engine.runIgnoringAbsent(() -> engine.client().removeContainerCmd(id).withForce(true).exec());
    }
}
