package dev.berth.benchmarks;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import dev.berth.BerthSettings;
import dev.berth.docker.internal.engine.Engine;
import dev.berth.docker.internal.engine.EngineConnector;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Whether Berth's own HTTP client for the Engine API's archive endpoint earns its place: one volume of 512 MiB of
 * random data read as a tar through Berth's engine port (its hand-written client over the engine's socket) and
 * through docker-java's httpclient5 transport ({@code copyArchiveFromContainerCmd}), on the same container in the
 * same run, rounds interleaved and the order alternating. Prints MiB/s and the ratio, and writes
 * {@code target/bench/archive-transport.json}.
 *
 * <p>Run: {@code bash scripts/bench.sh archive [rounds]} (default 5).
 */
public final class ArchiveTransportBenchmark {
    private static final String IMAGE = "busybox:1.35";
    private static final int MIB = 512;

    private ArchiveTransportBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        String run = Long.toString(System.nanoTime() % 1_000_000, 36);
        String volume = "bench-archive-" + run;
        String reader = "bench-archive-reader-" + run;
        BerthSettings settings = BerthSettings.ofDefaults();
        try (Engine engine = EngineConnector.connect(settings); DockerClient docker = dockerJava(engine.endpoint())) {
            Shell.run("docker", "volume", "create", volume);
            Shell.run("docker", "run", "--rm", "-v", volume + ":/data", IMAGE, "sh", "-c",
                    "dd if=/dev/urandom of=/data/big bs=1M count=" + MIB + " 2>/dev/null; sync");
            String id = Shell.run("docker", "create", "--name", reader, "-v", volume + ":/berth-volume:ro", IMAGE,
                    "true");
            try {
                Stats berth = new Stats();
                Stats dockerJava = new Stats();
                long bytes = 0;
                for (int i = 0; i < rounds; i++) {
                    Supplier<InputStream> ours = () -> engine.download(id, "/berth-volume");
                    Supplier<InputStream> theirs = () -> docker.copyArchiveFromContainerCmd(id, "/berth-volume").exec();
                    long[] read = new long[1];
                    Runnable a = () -> berth.add(time(() -> read[0] = drain(ours.get())));
                    Runnable b = () -> dockerJava.add(time(() -> drain(theirs.get())));
                    if (i % 2 == 0) {
                        a.run();
                        b.run();
                    } else {
                        b.run();
                        a.run();
                    }
                    bytes = read[0];
                }
                double mib = bytes / (1024.0 * 1024.0);
                double ours = mib / (berth.median() / 1000);
                double theirs = mib / (dockerJava.median() / 1000);
                System.out.printf(Locale.ROOT, "archive download of %.0f MiB, %d rounds%n", mib, rounds);
                System.out.printf(Locale.ROOT, "  Berth's client (engine port):    %s, %.0f MiB/s%n", berth, ours);
                System.out.printf(Locale.ROOT, "  docker-java httpclient5:         %s, %.0f MiB/s%n", dockerJava, theirs);
                System.out.printf(Locale.ROOT, "  ratio Berth / docker-java:       %.2f%n", ours / theirs);
                new BenchResult("archive-transport", "Reading " + Math.round(mib) + " MiB through the archive endpoint",
                        "MiB/s", true).row("archive download", ours, "docker-java httpclient5", theirs)
                        .figure("rounds", rounds).figure("ratio", ours / theirs).write();
            } finally {
                Shell.run("docker", "rm", "-f", reader);
                Shell.run("docker", "volume", "rm", volume);
            }
        }
    }

    private static DockerClient dockerJava(String endpoint) {
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(endpoint)
                .build();
        return DockerClientImpl.getInstance(config, new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost()).sslConfig(config.getSSLConfig())
                .responseTimeout(Duration.ofMinutes(5)).build());
    }

    private static long drain(InputStream in) {
        try (in) {
            return in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long time(Runnable step) {
        long start = System.nanoTime();
        step.run();
        return System.nanoTime() - start;
    }
}
