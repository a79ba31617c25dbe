package dev.berth.docker.internal.node;

import dev.berth.docker.internal.common.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key of the keyed hashes by which Berth tells one secret value from another without revealing it (in spec
 * hashes and Swarm secret names): 32 random bytes in {@code ~/.berth/spec.key}, readable by its owner only, made on
 * first use. Without a writable home, a key for this JVM alone (secrets then count as changed in the next one).
 */
public final class SpecKey {
    private static final Logger LOG = LoggerFactory.getLogger(SpecKey.class);
    private static final byte[] KEY = load(Path.of(System.getProperty("user.home"), ".berth", "spec.key"));

    private SpecKey() {
    }

    /** HMAC-SHA256 of the text under the key, as hex. */
    public static String hash(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
            return Sha256.hex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    private static byte[] load(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                Files.createDirectories(file.getParent());
                Path draft = Files.createTempFile(file.getParent(), ".spec-key-", "",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.write(draft, fresh);
                try {
                    Files.move(draft, file); // no replace: of two JVMs making one at once, the first wins
                } catch (FileAlreadyExistsException other) {
                    Files.delete(draft);
                }
            }
            byte[] key = Files.readAllBytes(file);
            if (key.length >= 32) {
                return key;
            }
            LOG.warn("{} is shorter than 32 bytes: a key for this JVM alone is used", file);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn("No key for keyed hashes at {} ({}): one for this JVM alone is used", file, e.getMessage());
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
