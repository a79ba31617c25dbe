package dev.berth.docker.internal.repository;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * What every stored object goes through last: nothing without a key, or AES-256-GCM with a fresh 96-bit nonce per
 * object, so that a changed byte, a swapped object or a wrong key is found on opening. The key itself is never shown.
 */
abstract class Seal {
    static final Seal NONE = new Seal() {
        @Override
        byte[] seal(byte[] plain, int offset, int length) {
            return offset == 0 && length == plain.length ? plain : Arrays.copyOfRange(plain, offset, offset + length);
        }

        @Override
        byte[] open(byte[] sealed, String what) {
            return sealed;
        }

        @Override
        boolean encrypts() {
            return false;
        }
    };

    /** The sealed form of the range: a new array, or {@code plain} itself only when the range is all of it. */
    abstract byte[] seal(byte[] plain, int offset, int length);

    /** @throws IOException naming {@code what} when the object was changed or sealed with another key */
    abstract byte[] open(byte[] sealed, String what) throws IOException;

    abstract boolean encrypts();

    static Seal aesGcm(SecretKey key) {
        return new AesGcm(key);
    }

    private static final class AesGcm extends Seal {
        private static final int NONCE = 12;
        private static final int TAG_BITS = 128;
        private static final SecureRandom RANDOM = new SecureRandom();
        private final SecretKey key;

        AesGcm(SecretKey key) {
            this.key = key;
        }

        @Override
        byte[] seal(byte[] plain, int offset, int length) {
            byte[] nonce = new byte[NONCE];
            RANDOM.nextBytes(nonce);
            try {
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
                byte[] out = new byte[NONCE + cipher.getOutputSize(length)];
                System.arraycopy(nonce, 0, out, 0, NONCE);
                cipher.doFinal(plain, offset, length, out, NONCE);
                return out;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-256-GCM is not available in this JVM: " + e.getMessage(), e);
            }
        }

        @Override
        byte[] open(byte[] sealed, String what) throws IOException {
            if (sealed.length < NONCE + TAG_BITS / 8) {
                throw new IOException(what + " is too short to be sealed: it is damaged");
            }
            try {
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE));
                return cipher.doFinal(sealed, NONCE, sealed.length - NONCE);
            } catch (javax.crypto.AEADBadTagException e) {
                throw new IOException(what + " does not authenticate: it was changed, or sealed with another key");
            } catch (GeneralSecurityException e) {
                throw new IOException(what + " cannot be opened: " + e.getMessage(), e);
            }
        }

        @Override
        boolean encrypts() {
            return true;
        }

        @Override
        public String toString() {
            return "AES-256-GCM(******)";
        }
    }
}
