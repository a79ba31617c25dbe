package dev.berth.docker.internal;

import dev.berth.Secret;
import java.util.Collection;

/** Masks secret values in text that may reach a log line or an exception message. */
final class Redaction {
    static final String MASK = "******";

    private Redaction() {
    }

    static String mask(String text, Collection<Secret> secrets) {
        String masked = text;
        for (Secret secret : secrets) {
            if (!secret.reveal().isEmpty()) {
                masked = masked.replace(secret.reveal(), MASK);
            }
        }
        return masked;
    }
}
