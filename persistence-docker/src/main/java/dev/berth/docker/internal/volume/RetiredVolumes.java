package dev.berth.docker.internal.volume;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of the source copies a move retires: {@code <name>.retired-<yyyyMMdd-HHmmss>} in UTC, so that a user sees
 * what they were and since when, and a prune can delete them after a grace period.
 */
public final class RetiredVolumes {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final Pattern RETIRED = Pattern.compile(".+\\.retired-(\\d{8}-\\d{6})");

    private RetiredVolumes() {
    }

    /** The name under which {@code volume} is retired at {@code when}. */
    static String name(String volume, Instant when) {
        return volume + ".retired-" + LocalDateTime.ofInstant(when, ZoneOffset.UTC).format(STAMP);
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
