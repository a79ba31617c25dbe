package dev.berth.s3;

import dev.berth.Secret;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server: S3Proxy (the build fetches its jar into {@code persistence-s3/target/s3proxy}), started
 * as a process of its own on a free port with a filesystem backend in a temporary directory, signing required, and one
 * bucket made; {@link #close()} stops it and removes its directory. For the *IT and the benchmarks.
 */
public final class S3Proxy implements AutoCloseable {
    public static final String IDENTITY = "berth-it";
    public static final Secret CREDENTIAL = Secret.of("it-secret-" + UUID.randomUUID());
    public static final String BUCKET = "berth-snapshots";

    private Process process;
    private Path dir;
    private URI endpoint;

    private S3Proxy() {
    }

    /** Starts the server of {@code jar} and makes the bucket {@link #BUCKET}. */
    public static S3Proxy start(Path jar) throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("S3Proxy is not at " + jar + ": build persistence-s3 with Maven (mvn"
                    + " install or verify), which fetches it");
        }
        S3Proxy proxy = new S3Proxy();
        try {
            proxy.run(jar);
        } catch (IOException | InterruptedException | RuntimeException e) {
            proxy.close();
            throw e;
        }
        return proxy;
    }

    private void run(Path jar) throws IOException, InterruptedException {
        dir = Files.createTempDirectory("berth-s3proxy-");
        Files.createDirectories(dir.resolve("data"));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        endpoint = URI.create("http://127.0.0.1:" + port);
        Path properties = dir.resolve("s3proxy.properties");
        Files.writeString(properties, String.join("\n", "s3proxy.endpoint=" + endpoint,
                "s3proxy.authorization=aws-v2-or-v4", "s3proxy.identity=" + IDENTITY,
                "s3proxy.credential=" + CREDENTIAL.reveal(), "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + dir.resolve("data"), ""));
        process = new ProcessBuilder("java", "-Xmx256m", "-jar", jar.toString(), "--properties", properties.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("s3proxy.log").toFile()).start();
        awaitPort(port, Duration.ofSeconds(60));
        try (S3Client admin = S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .forcePathStyle(true).credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(IDENTITY, CREDENTIAL.reveal()))).build()) {
            admin.createBucket(b -> b.bucket(BUCKET));
        }
    }

    private void awaitPort(int port, Duration patience) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(patience);
        while (true) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                    throw new IOException("S3Proxy did not start within " + patience + ": "
                            + Files.readString(dir.resolve("s3proxy.log")), notYet);
                }
                Thread.sleep(200);
            }
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A builder of a store in the bucket with the server's credentials. */
    public S3StoreBuilder builder() {
        return S3SnapshotStore.builder().endpoint(endpoint).region("us-east-1").bucket(BUCKET)
                .credentials(IDENTITY, CREDENTIAL);
    }

    /** Where the server keeps the bucket's objects, to tamper with them as a damaged disk would. */
    public Path bucketDirectory() {
        return dir.resolve("data").resolve(BUCKET);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
        if (dir != null) {
            try (Stream<Path> paths = Files.walk(dir)) {
                List<Path> all = paths.sorted(Comparator.reverseOrder()).toList();
                for (Path p : all) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
