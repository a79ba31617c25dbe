package dev.berth.docker.internal.repository;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.Secret;
import dev.berth.spi.SnapshotStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The repository's one mutable-looking object, written once when the repository is made: its format and version,
 * and, with a key, the salt and iteration count that turn the passphrase into an AES-256 key plus a sealed check
 * value by which a wrong key is told apart from damage.
 */
final class RepositoryConfig {
    static final String FORMAT = "berth-repository";
    static final int VERSION = 1;
    private static final int ITERATIONS = 210_000;
    private static final String CHECK = "berth repository key check";
    private static final ObjectMapper JSON = new ObjectMapper();

    private RepositoryConfig() {
    }

    /** Reads the store's config, making it first when the store is new; returns the seal its objects use. */
    static Seal open(SnapshotStore store, Optional<Secret> key) throws IOException {
        for (int attempt = 0; attempt < 2; attempt++) {
            try (InputStream in = store.get(Keys.CONFIG)) {
                return read(store, in.readNBytes(1 << 16), key);
            } catch (NoSuchFileException absent) {
                byte[] made = make(key);
                if (store.put(Keys.CONFIG, new ByteArrayInputStream(made), made.length)) {
                    return read(store, made, key);
                }
                // another writer made it at the same moment: read theirs
            }
        }
        throw new IOException("the repository config in " + store.location() + " could not be made or read");
    }

    private static byte[] make(Optional<Secret> key) throws IOException {
        ObjectNode config = JSON.createObjectNode().put("format", FORMAT).put("version", VERSION);
        if (key.isPresent()) {
            byte[] salt = new byte[32];
            new SecureRandom().nextBytes(salt);
            Seal seal = Seal.aesGcm(derive(key.get(), salt, ITERATIONS));
            byte[] check = seal.seal(CHECK.getBytes(StandardCharsets.UTF_8), 0, CHECK.length());
            config.putObject("encryption").put("algorithm", "AES-256-GCM").put("kdf", "PBKDF2WithHmacSHA256")
                    .put("iterations", ITERATIONS).put("salt", Base64.getEncoder().encodeToString(salt))
                    .put("check", Base64.getEncoder().encodeToString(check));
        }
        return JSON.writeValueAsBytes(config);
    }

    private static Seal read(SnapshotStore store, byte[] bytes, Optional<Secret> key) throws IOException {
        JsonNode config;
        try {
            config = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IOException("the repository config in " + store.location() + " is not JSON: it is damaged, or "
                    + "the store holds something else");
        }
        if (config == null || !FORMAT.equals(config.path("format").asText())) {
            throw new IOException(store.location() + " holds something other than a Berth repository: give Berth a "
                    + "store of its own");
        }
        if (config.path("version").asInt() != VERSION) {
            throw new IOException("the repository in " + store.location() + " has format version "
                    + config.path("version").asText() + "; this Berth reads version " + VERSION + ": upgrade Berth");
        }
        JsonNode encryption = config.path("encryption");
        if (encryption.isMissingNode()) {
            if (key.isPresent()) {
                throw new IOException("the repository in " + store.location() + " is not encrypted, but a snapshot key "
                        + "was given: remove the key, or use a new store for encrypted snapshots");
            }
            return Seal.NONE;
        }
        if (key.isEmpty()) {
            throw new IOException("the repository in " + store.location() + " is encrypted: give its key with "
                    + "BerthSettings.builder().snapshotKey(...)");
        }
        int iterations = encryption.path("iterations").asInt();
        if (iterations < 100_000 || iterations > 10_000_000) {
            throw new IOException("the repository config in " + store.location() + " asks for " + iterations
                    + " key iterations: it is damaged or not Berth's");
        }
        Seal seal = Seal.aesGcm(derive(key.get(), Base64.getDecoder().decode(encryption.path("salt").asText()),
                iterations));
        try {
            seal.open(Base64.getDecoder().decode(encryption.path("check").asText()), "the key check");
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException("the snapshot key does not open the repository in " + store.location()
                    + ": give the key it was made with");
        }
        return seal;
    }

    private static SecretKeySpec derive(Secret passphrase, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(passphrase.reveal().toCharArray(), salt, iterations, 256);
        try {
            byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            return new SecretKeySpec(key, "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available in this JVM", e);
        } finally {
            spec.clearPassword();
        }
    }
}
