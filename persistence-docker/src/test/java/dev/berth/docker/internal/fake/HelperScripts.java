package dev.berth.docker.internal.fake;

import dev.berth.docker.internal.engine.Mount;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two scripts Berth's helper containers run ({@code sh -c "cp -a FROM/. TO/"} and the wipe {@code rm -rf ...}),
 * run on the fake's files when such a container starts; it then exits 0. Any other script just exits 0.
 */
final class HelperScripts {
    private static final Pattern COPY = Pattern.compile("cp -a (\\S+)/\\. (\\S+)/");
    private static final Pattern WIPE = Pattern.compile("rm -rf (\\S+)/\\.\\.\\?\\*");

    private HelperScripts() {
    }

    /** The script of a helper: {@code sh -c <script>}. */
    static Optional<String> of(FakeContainer c) {
        List<String> entrypoint = c.definition.entrypoint();
        return entrypoint.size() == 3 && entrypoint.get(0).equals("sh") && entrypoint.get(1).equals("-c")
                ? Optional.of(entrypoint.get(2)) : Optional.empty();
    }

    static void run(String script, FakeContainer c, FakeVolumes volumes) {
        Matcher copy = COPY.matcher(script);
        if (copy.find()) {
            Map<String, byte[]> from = files(c, copy.group(1), volumes);
            files(c, copy.group(2), volumes).putAll(from);
            return;
        }
        Matcher wipe = WIPE.matcher(script);
        if (wipe.find()) {
            files(c, wipe.group(1), volumes).clear();
        }
    }

    private static Map<String, byte[]> files(FakeContainer c, String path, FakeVolumes volumes) {
        Mount mount = c.mounts.stream().filter(m -> m.type() == Mount.Type.VOLUME && m.target().equals(path))
                .findFirst().orElseThrow(() -> new IllegalStateException("no volume at " + path));
        return volumes.require(mount.source()).files;
    }
}
