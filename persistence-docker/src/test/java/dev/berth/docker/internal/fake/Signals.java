package dev.berth.docker.internal.fake;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The signals a kill may name ({@code KILL}, {@code SIGTERM}, {@code 9}...), and which of them end a process: INT,
 * QUIT, KILL and TERM, as a process with no handlers of its own ends; the others reach it and change nothing.
 */
final class Signals {
    private static final Map<String, Integer> NUMBERS = Map.of("HUP", 1, "INT", 2, "QUIT", 3, "KILL", 9, "USR1", 10,
            "USR2", 12, "TERM", 15, "CONT", 18, "STOP", 19, "WINCH", 28);
    private static final Set<Integer> ENDING = Set.of(2, 3, 9, 15);

    private Signals() {
    }

    static int number(String signal) {
        String name = signal.toUpperCase(Locale.ROOT).replaceFirst("^SIG", "");
        Integer number = name.matches("\\d{1,2}") ? Integer.valueOf(name) : NUMBERS.get(name);
        if (number == null) {
            throw Refusal.invalid("Invalid signal: " + signal);
        }
        return number;
    }

    static boolean ends(int number) {
        return ENDING.contains(number);
    }
}
