package dev.berth;

/**
 * What a command run with {@link StatefulContainer#exec(String...)} returned. Immutable.
 *
 * @param exitCode the command's exit code
 * @param stdout everything it wrote to standard output
 * @param stderr everything it wrote to standard error
 */
public record ExecResult(int exitCode, String stdout, String stderr) {

    /** Whether the command exited with 0. */
    public boolean succeeded() {
        return exitCode == 0;
    }
}
