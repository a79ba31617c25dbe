package dev.berth.docker.internal.volume;

import dev.berth.PersistentVolume;
import dev.berth.ReclaimPolicy;
import dev.berth.docker.internal.node.EngineContext;
import dev.berth.docker.internal.node.Specs;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The source copies a move retires, named {@code <name>.retired-<yyyyMMdd-HHmmss>} in UTC, so that a user sees
 * what they were and since when, and a prune can delete them after a grace period.
 */
public final class RetiredVolumes {
    private static final Logger LOG = LoggerFactory.getLogger(RetiredVolumes.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final Pattern RETIRED = Pattern.compile(".+\\.retired-(\\d{8}-\\d{6})");

    private RetiredVolumes() {
    }

    /** The name under which {@code volume} is retired at {@code when}. */
    static String name(String volume, Instant when) {
        return volume + ".retired-" + LocalDateTime.ofInstant(when, ZoneOffset.UTC).format(STAMP);
    }

    /**
     * Retires the source copy of a moved volume: deleted when its reclaim policy is DELETE; otherwise kept on its node
     * under {@link #name} for the user to delete after a grace period, so that the old name never shadows the moved
     * data. One of a name already there (a retirement a crash cut short) is completed: the source is unchanged since
     * its writer stopped, so the copy over it makes it whole. A copy that fails leaves the source under its own name.
     */
    static void retire(EngineContext ctx, PersistentVolume source, Instant when) {
        if (source.reclaimPolicy() == ReclaimPolicy.DELETE || !source.createdByBerth()) {
            if (source.createdByBerth()) {
                source.delete();
            }
            return;
        }
        String retired = name(source.name(), when);
        PersistentVolume keep = VolumeStore.of(ctx).create(Specs.volume(retired, source.driver(),
                source.spec().options(), source.labels(), source.accessMode(), ReclaimPolicy.RETAIN));
        try {
            ArchiveHelper.copyWithin(ctx, source.name(), keep.name());
        } catch (RuntimeException e) {
            LOG.warn("The source copy of volume {} on node {} could not be retired ({}): it stays there under its own "
                    + "name; delete it once you no longer need it", source.name(), ctx.node().id(), e.getMessage());
            keep.delete();
            return;
        }
        source.delete();
        LOG.info("Retired the source copy of volume {} on node {} as {}", source.name(), ctx.node().id(), retired);
    }

    /** When the volume of this name was retired; empty when it is not a retired copy. */
    public static Optional<Instant> retiredAt(String volume) {
        Matcher m = RETIRED.matcher(volume);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(m.group(1), STAMP).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
