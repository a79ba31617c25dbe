package dev.berth.samples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Captures what a story tells, and echoes it to the test's output. */
final class StoryOutput {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    PrintStream stream() {
        return stream;
    }

    /** Everything told so far, also printed to {@code System.out}. */
    String text() {
        String text = bytes.toString(StandardCharsets.UTF_8);
        System.out.print(text);
        return text;
    }
}
