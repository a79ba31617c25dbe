package dev.berth.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs a command (the raw docker CLI, for baselines) and returns its output, failing loudly. */
final class Shell {
    private Shell() {
    }

    static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException(List.of(command) + " exited with " + p.exitValue() + ": " + out);
            }
            return out.strip();
        } catch (IOException e) {
            throw new IllegalStateException("Could not run " + List.of(command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
