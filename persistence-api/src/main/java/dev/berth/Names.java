package dev.berth;

import java.util.regex.Pattern;

/** Docker's naming rules, checked before any call to the engine. */
final class Names {
    private static final Pattern DOCKER_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");

    private Names() {
    }

    static String requireValid(String kind, String name) {
        if (name == null || !DOCKER_NAME.matcher(name).matches()) {
            throw new InvalidNameException(kind, String.valueOf(name));
        }
        return name;
    }
}
