package dev.berth.docker.internal.fake;

import dev.berth.EngineCallException.Reason;
import dev.berth.docker.internal.engine.Mount;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * Docker's archive calls over the fake's volumes. A path in a container lies in the named volume mounted at it or
 * above it; the tar of a path names its entries under the path's last element ({@code /berth-data} gives
 * {@code berth-data/}, {@code berth-data/a.txt}), in the order a directory walk gives them. An uploaded tar is read
 * whole, then written: entries that land in a named volume are kept, the rest of a container's file system is not
 * modelled and is dropped. Only regular files and directories are kept; links are skipped.
 */
final class FakeArchives {
    private static final Comparator<String> WALK_ORDER = Comparator.comparing(s -> s.replace('/', '\0'));

    private FakeArchives() {
    }

    /** A place in a volume: the mount, and the path inside the volume ("" for its root). */
    private record Place(Mount mount, String inside) {
    }

    static byte[] download(FakeContainer c, String path, FakeVolumes volumes, Instant modified) {
        String full = normalize(path);
        Place place = place(c, full);
        if (place == null) {
            throw notThere(c, path);
        }
        Map<String, byte[]> files = volumes.require(place.mount().source()).files;
        String base = full.substring(full.lastIndexOf('/') + 1);
        TreeMap<String, byte @Nullable []> entries = new TreeMap<>(WALK_ORDER);
        if (place.inside().isEmpty() || isDirectory(files, place.inside())) {
            String prefix = place.inside().isEmpty() ? "" : place.inside() + "/";
            entries.put(base + "/", null);
            files.forEach((key, content) -> {
                if (key.startsWith(prefix) && !key.equals(prefix)) {
                    String sub = key.substring(prefix.length());
                    for (int slash = sub.indexOf('/'); slash >= 0 && slash < sub.length() - 1;
                            slash = sub.indexOf('/', slash + 1)) {
                        entries.putIfAbsent(base + "/" + sub.substring(0, slash + 1), null);
                    }
                    entries.put(base + "/" + sub, sub.endsWith("/") ? null : content);
                }
            });
        } else if (files.containsKey(place.inside())) {
            entries.put(base, files.get(place.inside()));
        } else {
            throw notThere(c, path);
        }
        return tar(entries, modified);
    }

    /** Refuses a path that an upload cannot extract into: one that is not there, or a file. */
    static void checkTarget(FakeContainer c, String path, FakeVolumes volumes) {
        String full = normalize(path);
        if (full.equals("/") || c.mounts.stream().anyMatch(m -> (normalize(m.target()) + "/").startsWith(full + "/"))) {
            return;
        }
        Place place = place(c, full);
        if (place == null) {
            throw notThere(c, path);
        }
        Map<String, byte[]> files = volumes.require(place.mount().source()).files;
        if (place.inside().isEmpty() || isDirectory(files, place.inside())) {
            return;
        }
        throw files.containsKey(place.inside()) ? Refusal.invalid("extraction point is not a directory")
                : notThere(c, path);
    }

    static void upload(FakeContainer c, String path, byte[] tar, FakeVolumes volumes) {
        checkTarget(c, path, volumes);
        String full = normalize(path);
        List<Runnable> writes = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                Place place = place(c, normalize(full + "/" + e.getName()));
                if (place == null || place.inside().isEmpty() || !(e.isDirectory() || e.isFile())) {
                    continue;
                }
                if (place.mount().readOnly()) {
                    throw new Refusal(Reason.INVALID, 403, "mounted volume is marked read-only");
                }
                Map<String, byte[]> files = volumes.require(place.mount().source()).files;
                String inside = place.inside();
                if (e.isDirectory()) {
                    writes.add(() -> files.putIfAbsent(inside + "/", new byte[0]));
                } else {
                    byte[] content = in.readAllBytes();
                    writes.add(() -> files.put(inside, content));
                }
            }
        } catch (IOException e) {
            throw Refusal.failed("Error processing tar file(exit status 1): " + e.getMessage());
        }
        writes.forEach(Runnable::run);
    }

    private static @Nullable Place place(FakeContainer c, String full) {
        Place best = null;
        for (Mount m : c.mounts) {
            String target = normalize(m.target());
            boolean under = full.equals(target) || full.startsWith(target.equals("/") ? "/" : target + "/");
            if (m.type() == Mount.Type.VOLUME && under
                    && (best == null || target.length() > normalize(best.mount().target()).length())) {
                best = new Place(m, full.equals(target) ? "" : full.substring(target.length()).replaceFirst("^/", ""));
            }
        }
        return best;
    }

    private static boolean isDirectory(Map<String, byte[]> files, String inside) {
        return files.keySet().stream().anyMatch(k -> k.startsWith(inside + "/"));
    }

    private static Refusal notThere(FakeContainer c, String path) {
        return Refusal.notFound("Could not find the file " + path + " in container " + c.name);
    }

    /** The absolute path without {@code .}, {@code ..}, doubled or trailing slashes; never above the root. */
    static String normalize(String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.equals("..")) {
                parts.pollLast();
            } else if (!part.isEmpty() && !part.equals(".")) {
                parts.addLast(part);
            }
        }
        return "/" + String.join("/", parts);
    }

    private static byte[] tar(Map<String, byte @Nullable []> entries, Instant modified) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (Map.Entry<String, byte @Nullable []> e : entries.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
                entry.setModTime(Date.from(modified));
                byte[] content = e.getValue();
                if (content != null) {
                    entry.setSize(content.length);
                }
                tar.putArchiveEntry(entry);
                if (content != null) {
                    tar.write(content);
                }
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
