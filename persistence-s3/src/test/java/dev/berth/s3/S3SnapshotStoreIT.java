package dev.berth.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.Secret;
import dev.berth.docker.SnapshotStoreContract;
import dev.berth.spi.SnapshotStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The S3 store passes the store TCK against a real S3 server (S3Proxy), each test in a prefix of its own; large
 * objects go up in parts and stay create-only; a missing bucket, refused credentials and keys that are not keys give
 * errors that say what to do, and never show the secret.
 */
class S3SnapshotStoreIT extends SnapshotStoreContract {
    @RegisterExtension
    static final S3ProxyFixture s3 = new S3ProxyFixture();
    private S3SnapshotStore last;

    @Override
    protected SnapshotStore newStore() {
        last = s3.builder().prefix("tck/" + UUID.randomUUID()).build();
        return last;
    }

    @AfterEach
    void close() {
        last.close();
    }

    @Test
    void aLargeObjectGoesUpInPartsWholeAndOnlyOnce() throws Exception {
        last = s3.builder().prefix("parts/" + UUID.randomUUID()).multipartAbove(Multipart.PART).build();
        S3SnapshotStore store = last;
        byte[] big = new byte[2 * Multipart.PART + 12345]; // three parts
        new Random(1).nextBytes(big);
        java.nio.file.Path file = java.nio.file.Files.createTempFile("berth-big-", ".bin");
        try {
            java.nio.file.Files.write(file, big);
            assertThat(store.putFile("data/big", file)).isTrue();
            assertThat(store.putFile("data/big", file)).as("made once").isFalse();
        } finally {
            java.nio.file.Files.delete(file);
        }
        try (InputStream in = store.get("data/big")) {
            assertThat(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()))
                    .isEqualTo(MessageDigest.getInstance("SHA-256").digest(big));
        }
        try (InputStream in = store.get("data/big", big.length - 10, 10)) {
            assertThat(in.readAllBytes()).containsExactly(java.util.Arrays.copyOfRange(big, big.length - 10,
                    big.length));
        }
    }

    @Test
    void aMissingBucketSaysToCreateIt() {
        try (S3SnapshotStore store = s3.builder().bucket("no-such-bucket").build()) {
            assertThatThrownBy(() -> store.put("config", new ByteArrayInputStream(new byte[1]), 1))
                    .isInstanceOf(IOException.class).hasMessageContaining("'no-such-bucket' does not exist: create it");
        }
    }

    @Test
    void refusedCredentialsSaySoAndTheSecretIsNeverShown() {
        Secret wrong = Secret.of("wrong-secret-" + UUID.randomUUID());
        try (S3SnapshotStore store = s3.builder().credentials(S3Proxy.IDENTITY, wrong).build()) {
            assertThatThrownBy(() -> store.list("snapshots/")).isInstanceOf(IOException.class)
                    .hasMessageContaining("access was refused: check the credentials")
                    .satisfies(e -> assertThat(e.toString()).doesNotContain(wrong.reveal())
                            .doesNotContain(S3Proxy.CREDENTIAL.reveal()));
            assertThat(store.toString()).doesNotContain(wrong.reveal());
        }
    }

    @Test
    void keysThatAreNotKeysAreRefusedBeforeAnyRequest() {
        SnapshotStore store = newStore();
        for (String key : new String[] {"../config", "/config", "a//b", ".hidden"}) {
            assertThatThrownBy(() -> store.put(key, new ByteArrayInputStream(new byte[1]), 1)).as(key)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a snapshot store key");
        }
    }
}
