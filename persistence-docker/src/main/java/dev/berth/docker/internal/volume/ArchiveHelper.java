package dev.berth.docker.internal.volume;

import dev.berth.BerthException;
import dev.berth.RestartPolicy;
import dev.berth.docker.internal.archive.ArchiveGuard;
import dev.berth.docker.internal.engine.ArchiveBody;
import dev.berth.docker.internal.engine.ContainerDefinition;
import dev.berth.docker.internal.engine.Engine;
import dev.berth.docker.internal.engine.Mount;
import dev.berth.docker.internal.node.EngineContext;
import dev.berth.docker.internal.node.Images;
import dev.berth.docker.internal.node.Labels;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * A container that mounts one volume so that its files can be streamed through the Engine API's archive endpoints.
 * Created, never started (except to empty the volume for a restore in place), labelled as Berth's so that prune finds
 * a leftover, and removed on {@link #close()}. A helper never holds a volume's writer lock itself: the restore
 * that writes through one takes it.
 */
public final class ArchiveHelper implements AutoCloseable {
    /** Where the volume is mounted; archive entries are named under {@link ArchiveGuard#ROOT}. */
    public static final String MOUNT = "/" + ArchiveGuard.ROOT;
    public static final String HELPER_LABEL = Labels.PREFIX + "helper";
    /** Where {@link #copyWithin} mounts the volume it copies from. */
    private static final String FROM = "/berth-from";
    /** How long a copy or wipe inside the node may take: a helper younger than this may be at work. */
    public static final java.time.Duration RUN_DEADLINE = java.time.Duration.ofHours(6);
    private static final String IDLE = "while :; do sleep 3600; done";
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
    public static ArchiveHelper reading(EngineContext ctx, String volume) {
        return create(ctx, volume, true, wipe(false), null);
    }

    /**
     * A helper that reads the volume and runs, idle, so that {@link #exec} next to the data costs no container start
     * (a snapshot lists the volume with it while the writers are held). Its archive reads the volume as well.
     */
    public static ArchiveHelper readingAndRunning(EngineContext ctx, String volume) {
        return started(create(ctx, volume, true, IDLE, null));
    }

    /** A helper that writes the volume and runs, idle, so that scripts next to the data cost no container start. */
    public static ArchiveHelper writingAndRunning(EngineContext ctx, String volume) {
        return started(create(ctx, volume, false, IDLE, null));
    }

    private static ArchiveHelper started(ArchiveHelper helper) {
        try {
            helper.ctx.engine().startContainer(helper.id);
        } catch (RuntimeException e) {
            helper.close();
            throw e;
        }
        return helper;
    }

    /** A helper that writes the volume; with {@code wipe}, {@link #wipe()} can empty it first. */
    public static ArchiveHelper writing(EngineContext ctx, String volume, boolean wipe) {
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

    /** Runs {@code script} in this running helper and returns what it printed; errors say what the image needs. */
    public String exec(String script, String what, String needs) {
        dev.berth.ExecResult result;
        try {
            result = ctx.engine().exec(id, List.of("sh", "-c", script), RUN_DEADLINE);
        } catch (RuntimeException e) {
            throw helperFailed(what, String.valueOf(e.getMessage()).strip(), needs);
        }
        if (result.exitCode() != 0) {
            throw helperFailed(what, "exit code " + result.exitCode() + ": " + result.stderr().strip(), needs);
        }
        return result.stdout();
    }

    /**
     * Runs a script of any length in this running helper: it is written into the helper's own file system (never the
     * volume) first, since a command line has a limit.
     */
    public String execScript(String script, String what, String needs) {
        String file = "berth-" + UUID.randomUUID().toString().substring(0, 8) + ".sh";
        byte[] bytes = script.getBytes(StandardCharsets.UTF_8);
        ctx.engine().upload(id, "/tmp", out -> {
            TarArchiveOutputStream tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name());
            TarArchiveEntry entry = new TarArchiveEntry(file);
            entry.setSize(bytes.length);
            entry.setMode(0600);
            tar.putArchiveEntry(entry);
            tar.write(bytes);
            tar.closeArchiveEntry();
            tar.finish();
            tar.flush();
        });
        return exec("sh /tmp/" + file, what, needs);
    }

    private BerthException helperFailed(String what, String failure, String needs) {
        return new BerthException(what + " failed (" + failure + "). The helper image '"
                + ctx.settings().helperImage() + "' needs " + needs + "; set one that has them with "
                + "BerthSettings.builder().helperImage(...).");
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
        Map<String, String> labels = Labels.forNew(ctx.settings().labels(), Map.of());
        labels.put(HELPER_LABEL, volume);
        String name = "berth-helper-" + UUID.randomUUID().toString().substring(0, 12);
        List<Mount> mounts = new ArrayList<>();
        mounts.add(Mount.volume(volume, MOUNT, readOnly));
        if (from != null) {
            mounts.add(Mount.volume(from, FROM, true));
        }
        List<String> entrypoint = script == null ? List.of() : List.of("sh", "-c", script);
        List<String> command = script == null ? List.of("true") : List.of();
        String id = engine.createContainer(new ContainerDefinition(name, image, labels, List.of(), entrypoint,
                command, null, List.of(), 10, mounts, RestartPolicy.NO, "none"));
        return new ArchiveHelper(ctx, id, name);
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    /** The volume's files as a tar whose entries are named under {@link ArchiveGuard#ROOT}. */
    public InputStream download() {
        return ctx.engine().download(id, MOUNT);
    }

    /** A path of the helper's own file system as a tar, its entries named from the path's last element. */
    public InputStream download(String path) {
        return ctx.engine().download(id, path);
    }

    /** Extracts a tar whose entries are named under {@link ArchiveGuard#ROOT} into the volume. */
    public void upload(ArchiveBody body) {
        ctx.engine().upload(id, "/", body);
    }

    /** Runs the helper once to delete everything in the volume. */
    public void wipe() {
        runOnce("Emptying the volume before a restore in place (it may be partly emptied: restore in place again)",
                "sh and rm");
    }

    /** Starts the helper's script and waits for it to succeed. */
    private void runOnce(String what, String needs) {
        Engine engine = ctx.engine();
        String failure;
        try {
            engine.startContainer(id);
            long exit = engine.awaitExit(id, RUN_DEADLINE);
            failure = exit == 0 ? null : "exit code " + exit + ": " + engine.logs(id, RUN_DEADLINE).strip();
        } catch (RuntimeException e) {
            failure = String.valueOf(e.getMessage()).strip();
        }
        if (failure != null) {
            throw helperFailed(what, failure, needs);
        }
    }

    @Override
    public void close() {
        Engine engine = ctx.engine();
        engine.removeContainer(id);
    }
}
