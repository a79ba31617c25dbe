package dev.berth.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Restarts the Docker engine itself, for {@link Disruption#ENGINE_RESTART}. The command comes from the system
 * property {@value #PROPERTY} or the environment variable {@value #VARIABLE}, run with {@code sh -c}; for example
 * {@code bash scripts/docker-engine.sh restart} or {@code systemctl restart docker}.
 */
final class EngineControl {
    static final String PROPERTY = "berth.testkit.engineRestartCommand";
    static final String VARIABLE = "BERTH_ENGINE_RESTART_COMMAND";
    private static final long TIMEOUT_SECONDS = 180;

    private EngineControl() {
    }

    static Optional<String> restartCommand() {
        String command = System.getProperty(PROPERTY, System.getenv(VARIABLE));
        return Optional.ofNullable(command).filter(c -> !c.isBlank());
    }

    static void restartEngine() {
        String command = restartCommand().orElseThrow(() -> new IllegalStateException(
                "ENGINE_RESTART needs a command that restarts the Docker engine: set the system property " + PROPERTY
                        + " or the environment variable " + VARIABLE + " (for example 'systemctl restart docker')."));
        try {
            Process process = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("'" + command + "' did not finish within " + TIMEOUT_SECONDS + "s");
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("'" + command + "' exited with " + process.exitValue() + ": " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not run '" + command + "'", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while restarting the engine", e);
        }
    }

}
