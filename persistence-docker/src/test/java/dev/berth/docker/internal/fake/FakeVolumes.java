package dev.berth.docker.internal.fake;

import dev.berth.docker.internal.engine.VolumeInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The volumes of one engine and the files in each. A volume's files are a map of paths relative to its root to their
 * contents; a path ending in {@code /} is a directory with nothing in it, other directories are implied by the paths
 * of their files. The volume drivers the engine offers say each volume's scope; {@code local} is always there.
 */
final class FakeVolumes {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");

    /** One volume: what the engine reports of it, and its files, which a test may read and change at any time. */
    static final class Volume {
        final VolumeInfo info;
        final boolean anonymous;
        final Map<String, byte[]> files = new ConcurrentSkipListMap<>();

        Volume(VolumeInfo info, boolean anonymous) {
            this.info = info;
            this.anonymous = anonymous;
        }

        long size() {
            return files.values().stream().mapToLong(b -> b.length).sum();
        }
    }

    private final Map<String, Volume> byName = new LinkedHashMap<>();
    private final Map<String, String> scopeByDriver = new LinkedHashMap<>(Map.of("local", "local"));

    void addDriver(String driver, String scope) {
        scopeByDriver.put(driver, scope);
    }

    List<String> drivers() {
        return List.copyOf(scopeByDriver.keySet());
    }

    /** Creates it unless one of that name is there, which is left as it is. */
    void create(String name, @Nullable String driver, Map<String, String> options, Map<String, String> labels) {
        String d = driver == null || driver.isEmpty() ? "local" : driver;
        String scope = scopeByDriver.get(d);
        if (scope == null) {
            throw Refusal.notFound("create " + name + ": error looking up volume plugin " + d + ": plugin \"" + d
                    + "\" not found");
        }
        if (!NAME.matcher(name).matches()) {
            throw Refusal.invalid("create " + name + ": \"" + name + "\" includes invalid characters for a local "
                    + "volume name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host "
                    + "directory, use absolute path");
        }
        byName.putIfAbsent(name, new Volume(new VolumeInfo(name, d, options, labels, scope), false));
    }

    /** The volume a container mounts, created as Docker does when it is not there yet. */
    void mounted(String name, boolean anonymous) {
        if (anonymous) {
            byName.put(name, new Volume(new VolumeInfo(name, "local", Map.of(), Map.of(), "local"), true));
        } else {
            create(name, "local", Map.of(), Map.of());
        }
    }

    @Nullable Volume find(String name) {
        return byName.get(name);
    }

    Volume require(String name) {
        Volume v = byName.get(name);
        if (v == null) {
            throw Refusal.notFound("get " + name + ": no such volume");
        }
        return v;
    }

    Optional<VolumeInfo> inspect(String name) {
        return Optional.ofNullable(byName.get(name)).map(v -> v.info);
    }

    List<VolumeInfo> list(Map<String, String> labels) {
        return byName.values().stream().map(v -> v.info)
                .filter(info -> info.labels().entrySet().containsAll(labels.entrySet())).toList();
    }

    List<Volume> all() {
        return new ArrayList<>(byName.values());
    }

    /** Removes it; one that is gone is done, one that a container mounts (in any state) is a conflict. */
    void remove(String name, List<String> containersUsing) {
        if (!byName.containsKey(name)) {
            return;
        }
        if (!containersUsing.isEmpty()) {
            throw Refusal.conflict("remove " + name + ": volume is in use - [" + String.join(" ", containersUsing)
                    + "]");
        }
        byName.remove(name);
    }

    void forget(String name) {
        byName.remove(name);
    }
}
