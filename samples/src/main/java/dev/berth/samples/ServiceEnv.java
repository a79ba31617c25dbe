package dev.berth.samples;

import dev.berth.ContainerSpec;
import dev.berth.Secret;
import java.util.Optional;

/**
 * Reads a setting (a user, a password) the way the container really got it: from its spec, where a value given on
 * the builder before the recipe wins over the recipe's own.
 */
final class ServiceEnv {
    private ServiceEnv() {
    }

    static String value(ContainerSpec spec, String key, String recipeDefault) {
        return Optional.ofNullable(spec.secretEnv().get(key)).map(Secret::reveal)
                .or(() -> Optional.ofNullable(spec.env().get(key)))
                .orElse(recipeDefault);
    }
}
