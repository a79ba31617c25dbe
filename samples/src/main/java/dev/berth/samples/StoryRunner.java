package dev.berth.samples;

import dev.berth.Berth;
import dev.berth.BerthException;
import dev.berth.BerthSettings;
import dev.berth.PruneOptions;
import dev.berth.PruneReport;
import java.io.PrintStream;
import java.util.Locale;
import java.util.UUID;

/**
 * Runs a {@link Story} as a program: connects the way the docker CLI does ({@code DOCKER_HOST}, the docker context,
 * the default socket), labels everything the run creates, removes it all afterwards, and exits with status 1 when
 * data was lost (2 when the story could not finish, saying why in plain words).
 */
final class StoryRunner {
    /** The label on everything a story's run creates; its value is the run's id. */
    static final String RUN_LABEL = "dev.berth.samples.run";

    private StoryRunner() {
    }

    /** Runs the story, then exits with 1 when data was lost and 2 when the story could not finish. */
    static void run(Story story, String name) {
        int status = status(story, name, System.out);
        if (status != 0) {
            System.exit(status);
        }
    }

    private static int status(Story story, String name, PrintStream out) {
        String run = UUID.randomUUID().toString().substring(0, 6);
        try (Berth berth = Berth.connect(BerthSettings.builder().label(RUN_LABEL, run).build())) {
            try {
                return story.run(berth, "berth-" + name + "-" + run, out) ? 0 : 1;
            } finally {
                PruneReport removed = berth.prune(PruneOptions.builder().label(RUN_LABEL, run)
                        .includeRunning(true).includeVolumes(true)
                        .retiredOlderThan(java.time.Duration.ZERO).build());
                out.println("Cleaned up: removed the containers " + removed.containers() + " and the volumes "
                        + removed.volumes() + " that this run made.");
            }
        } catch (BerthException e) {
            out.println("The story could not finish: " + e.getMessage());
            return 2;
        }
    }

    /** The time since {@code startNanos}, for people: {@code "1.2 s"}. */
    static String secondsSince(long startNanos) {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }
}
