package dev.berth.testkit;

import dev.berth.DataProbe;
import dev.berth.ExecResult;
import dev.berth.StatefulContainer;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The probe for a plain image: markers are files under a directory (the volume mount), written with {@code exec},
 * flushed with {@code sync} before {@link #write} returns, so a write counts as acknowledged only once it is on disk.
 * Needs {@code sh}, {@code cat} and {@code sync} in the image.
 */
public final class FileProbe implements DataProbe {
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]+");
    private final StatefulContainer container;
    private final String directory;

    /** Markers go to {@code directory/.berth-probe/}. */
    public FileProbe(StatefulContainer container, String directory) {
        this.container = container;
        this.directory = directory.replaceAll("/+$", "") + "/.berth-probe";
    }

    @Override
    public void write(String key, String value) {
        String file = file(key);
        // Written aside, then renamed, then synced: a marker is either whole or absent after a crash.
        ExecResult r = container.exec("sh", "-c", "mkdir -p \"$1\" && printf %s \"$2\" > \"$3.tmp\" && mv \"$3.tmp\" \"$3\""
                + " && sync", "probe", directory, value, file);
        if (!r.succeeded()) {
            throw new IllegalStateException("Could not write marker " + key + " under " + directory + " in container '"
                    + container.name() + "': " + r.stderr().strip());
        }
    }

    @Override
    public Optional<String> read(String key) {
        ExecResult r = container.exec("cat", file(key));
        return r.succeeded() ? Optional.of(r.stdout()) : Optional.empty();
    }

    private String file(String key) {
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("marker key '" + key + "' must match " + KEY.pattern());
        }
        return directory + "/" + key;
    }

    @Override
    public String toString() {
        return "FileProbe[" + container.name() + ":" + directory + "]";
    }
}
