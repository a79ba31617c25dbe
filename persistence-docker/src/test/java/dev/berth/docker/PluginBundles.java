package dev.berth.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Managed-plugin bundles (a folder with {@code config.json} and {@code rootfs/}) built on this machine, with no
 * registry: rclone's volume plugin around Debian's rclone binary, and a plugin that never answers.
 */
public final class PluginBundles {
    /** The host directory the rclone plugin serves on every node, as {@code /srv/shared} inside it. */
    public static final String SHARED = "/srv/berth-rclone";

    private PluginBundles() {
    }

    /** rclone's volume plugin in its managed form; volumes take {@code -o type=local -o path=/srv/shared/...}. */
    public static Path rclone(Path dir) throws IOException {
        String config = """
                {"description": "rclone's volume plugin, built by Berth's tests around Debian's rclone",
                 "documentation": "https://rclone.org/docker/",
                 "entrypoint": ["/usr/bin/rclone", "serve", "docker", "--base-dir", "/mnt", "--config",
                                "/tmp/rclone.conf", "--cache-dir", "/tmp/cache", "-v"],
                 "env": [{"name": "HOME", "value": "/tmp"}, {"name": "PATH", "value": "/usr/bin:/bin"}],
                 "interface": {"socket": "rclone.sock", "types": ["docker.volumedriver/1.0"]},
                 "network": {"type": "host"},
                 "propagatedMount": "/mnt",
                 "mounts": [{"destination": "/srv/shared", "source": "%s", "type": "bind", "options": ["rbind"]}],
                 "linux": {"capabilities": ["CAP_SYS_ADMIN"], "devices": [{"path": "/dev/fuse"}]}}
                """.formatted(SHARED);
        Files.createDirectories(Path.of(SHARED));
        Path bundle = bundle(dir, config, List.of(Path.of("/usr/bin/rclone"), Path.of("/usr/bin/fusermount3")));
        // rclone runs fusermount, which fuse3's fusermount3 serves as well
        Files.copy(bundle.resolve("rootfs/usr/bin/fusermount3"), bundle.resolve("rootfs/usr/bin/fusermount"),
                StandardCopyOption.REPLACE_EXISTING);
        bundle.resolve("rootfs/usr/bin/fusermount").toFile().setExecutable(true, false);
        return bundle;
    }

    /** A plugin that starts and never answers on its socket. */
    public static Path hanging(Path dir) throws IOException {
        String config = """
                {"description": "a plugin that never answers", "documentation": "-",
                 "entrypoint": ["/usr/bin/sleep", "3600"],
                 "interface": {"socket": "hanging.sock", "types": ["docker.volumedriver/1.0"]},
                 "network": {"type": "host"}}
                """;
        return bundle(dir, config, List.of(Path.of("/usr/bin/sleep")));
    }

    /** A rootfs with the binaries, their C library and loader, and the folders the engine mounts over. */
    private static Path bundle(Path bundle, String config, List<Path> binaries) throws IOException {
        Path rootfs = bundle.resolve("rootfs");
        for (String d : List.of("tmp", "mnt", "dev", "proc", "sys", "etc", "run/docker/plugins", "srv/shared")) {
            Files.createDirectories(rootfs.resolve(d));
        }
        for (Path binary : binaries) {
            copy(binary, rootfs);
        }
        copy(Path.of("/lib/x86_64-linux-gnu/libc.so.6"), rootfs);
        copy(Path.of("/lib64/ld-linux-x86-64.so.2"), rootfs);
        Files.writeString(bundle.resolve("config.json"), config);
        return bundle;
    }

    private static void copy(Path file, Path rootfs) throws IOException {
        Path target = rootfs.resolve(file.toString().substring(1));
        Files.createDirectories(target.getParent());
        Files.copy(file.toRealPath(), target, StandardCopyOption.REPLACE_EXISTING);
        target.toFile().setExecutable(true, false);
    }
}
