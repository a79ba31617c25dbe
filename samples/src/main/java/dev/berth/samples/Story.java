package dev.berth.samples;

import dev.berth.Berth;
import java.io.PrintStream;

/**
 * One of the users' stories, run end to end against a real engine, telling in plain words what it does and what
 * survived. Each story is also a program ({@code main}); tests run them with their own {@link Berth}.
 */
public interface Story {

    /**
     * Runs the story. Everything it creates is named with {@code prefix} and left in place: the caller removes it
     * (the programs prune what their run labelled).
     *
     * @return whether all the data the story wrote survived
     */
    boolean run(Berth berth, String prefix, PrintStream out);
}
