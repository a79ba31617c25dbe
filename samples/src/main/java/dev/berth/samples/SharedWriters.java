package dev.berth.samples;

import dev.berth.AccessMode;
import dev.berth.Berth;
import dev.berth.PersistentVolume;
import dev.berth.Placement;
import dev.berth.RestartPolicy;
import dev.berth.StatefulContainer;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Many writers on one shared volume, across two nodes (seed 002: containers that write logs to one Azure file share,
 * which another reads). rclone's volume plugin serves one directory to both nodes, as a file share would; the volume
 * is declared GLOBAL (rclone reports {@code local}) and MULTI_WRITER (the writers coordinate themselves: each appends
 * to a file of its own). Two writers run on zone a and two on zone b, with restart=always; one is killed and comes
 * back on its own; a reader on zone b sees every writer's lines, the killed one's going on where they stopped.
 * Needs the Swarm of {@code scripts/cluster.sh up 2} and rclone's plugin ({@code scripts/rclone-plugin.sh start}).
 *
 * <p>Run it with {@code mvn -pl samples exec:java -Ddemo.mainClass=dev.berth.samples.SharedWriters}.
 */
public final class SharedWriters implements Story {
    private static final String IMAGE = "busybox:1.35";
    private static final int WRITERS = 4;

    public static void main(String[] args) {
        StoryRunner.run(new SharedWriters(), "writers");
    }

    @Override
    public boolean run(Berth berth, String prefix, PrintStream out) {
        Zones zones = Zones.of(berth);
        SharedStorage.require(berth);
        out.println("Many writers, one shared volume, two nodes: four log writers on zones a and b, one reader.");
        PersistentVolume logs = SharedStorage.volume(berth, prefix + "-logs", zones.a())
                .option("vfs-cache-mode", "writes").option("dir-cache-time", "1s")
                .accessMode(AccessMode.MULTI_WRITER).create();
        List<StatefulContainer> writers = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            String zone = i % 2 == 0 ? "a" : "b";
            String file = "/logs/writer-" + i + ".log";
            writers.add(berth.container(prefix + "-writer-" + i).image(IMAGE)
                    .command("sh", "-c", "n=$(cat " + file + " 2>/dev/null | wc -l); while :; do n=$((n+1));"
                            + " echo \"line $n from zone " + zone + "\" >> " + file + "; sleep 0.1; done")
                    .mount(logs, "/logs").placement(Placement.label("zone", zone))
                    .restartPolicy(RestartPolicy.ALWAYS).start());
        }
        out.println("1. Volume " + logs.name() + " (driver rclone, GLOBAL, MULTI_WRITER); writers on nodes "
                + writers.stream().map(w -> w.node().id()).distinct().toList() + ".");
        StatefulContainer reader = berth.container(prefix + "-reader").image(IMAGE)
                .command("sh", "-c", "while :; do sleep 3600; done").mount(logs, "/logs")
                .placement(Placement.label("zone", "b")).start();
        long[] before = waitForLines(reader, 5);
        out.println("2. The reader on zone b sees every writer: " + describe(before) + ".");

        StatefulContainer killed = writers.get(0);
        killed.kill();
        out.println("3. Killed " + killed.name() + " on zone a; restart=always brings it back.");
        long[] after = waitForLines(reader, before[0] + 5);
        boolean ok = after[0] > before[0] && numberedInOrder(reader, 0);
        for (int i = 1; i < WRITERS; i++) {
            ok &= after[i] > before[i];
        }
        out.println("4. The reader sees " + describe(after) + "; writer-0's lines are numbered on without a gap.");
        out.println(ok ? "What survived: every writer's lines, on both nodes; the killed writer went on where it "
                + "stopped, numbering on from line " + before[0] + "."
                : "LOST: the writers' lines did not all go on: " + describe(after));
        reader.remove();
        writers.forEach(StatefulContainer::remove);
        logs.delete();
        return ok;
    }

    /** Lines per writer, once the first writer has at least {@code atLeast} and every writer some. */
    private static long[] waitForLines(StatefulContainer reader, long atLeast) {
        long[] lines = new long[WRITERS];
        for (int attempt = 0; attempt < 300; attempt++) {
            for (int i = 0; i < WRITERS; i++) {
                String out = reader.exec("sh", "-c", "cat /logs/writer-" + i + ".log 2>/dev/null | wc -l").stdout();
                lines[i] = Long.parseLong(out.strip());
            }
            boolean all = lines[0] >= atLeast;
            for (long n : lines) {
                all &= n > 0;
            }
            if (all) {
                return lines;
            }
            Pause.briefly();
        }
        return lines;
    }

    /** Whether the writer's lines are numbered 1, 2, 3... with none missing or repeated, across its restart. */
    private static boolean numberedInOrder(StatefulContainer reader, int writer) {
        return reader.exec("awk", "$2 != NR { bad = 1 } END { print bad ? \"gap\" : \"ok\" }",
                "/logs/writer-" + writer + ".log").stdout().strip().equals("ok");
    }

    private static String describe(long[] lines) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            s.append(i == 0 ? "" : ", ").append("writer-").append(i).append(' ').append(lines[i]).append(" lines");
        }
        return s.toString();
    }
}
