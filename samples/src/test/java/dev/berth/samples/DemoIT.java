package dev.berth.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The programs as users run them: a JVM of their own, the engine found as the docker CLI finds it. */
class DemoIT {

    private static Result runMain(Class<?> main) throws Exception {
        ProcessBuilder java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), main.getName()).redirectErrorStream(true);
        java.environment().put("DOCKER_HOST", EngineFixture.DOCKER_HOST);
        long started = System.nanoTime();
        Process process = java.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        System.out.print(output);
        return new Result(process.exitValue(), output, Duration.ofNanos(System.nanoTime() - started));
    }

    private record Result(int exitCode, String output, Duration took) {
    }

    @Test
    void theDemoTellsWhatItDidAndWhatSurvivedWithinAMinute() throws Exception {
        Result demo = runMain(Demo.class);

        assertThat(demo.exitCode()).isZero();
        assertThat(demo.output()).contains("Killed the container with SIGKILL", "Read the orders back",
                "What survived: all three committed orders", "Cleaned up");
        assertThat(demo.took()).isLessThan(Duration.ofMinutes(1));
    }

    @Test
    void aStoryThatLosesDataExitsWithStatusOneAndStillCleansUp() throws Exception {
        Result losing = runMain(LosingStory.class);

        assertThat(losing.exitCode()).isEqualTo(1);
        assertThat(losing.output()).contains("LOST", "Cleaned up: removed the containers [");
    }

    /** A story whose data never survives: a volume is made, and nothing is written to it. */
    static final class LosingStory {
        public static void main(String[] args) {
            StoryRunner.run((berth, prefix, out) -> {
                berth.volume(prefix + "-data").create();
                out.println("LOST: this story keeps nothing.");
                return false;
            }, "losing");
        }
    }
}
