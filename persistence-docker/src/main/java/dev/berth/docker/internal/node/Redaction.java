package dev.berth.docker.internal.node;

import dev.berth.Secret;
import java.util.Collection;

/** Masks secret values in text that may reach a log line or an exception message. */
public final class Redaction {
    static final String MASK = "******";

    private Redaction() {
    }

    public static String mask(String text, Collection<Secret> secrets) {
        String masked = text;
        for (Secret secret : secrets) {
            if (!secret.reveal().isEmpty()) {
                masked = masked.replace(secret.reveal(), MASK);
            }
        }
        return masked;
    }
}
