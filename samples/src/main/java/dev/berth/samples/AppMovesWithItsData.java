package dev.berth.samples;

import dev.berth.Berth;
import dev.berth.MoveReport;
import dev.berth.Node;
import dev.berth.PersistentVolume;
import dev.berth.StatefulContainer;
import java.io.PrintStream;

/**
 * The Flocker demo (seed 001): a two-service app, a web counter and its Redis, runs on the node labelled
 * {@code zone=a}, then moves to {@code zone=b} and keeps its count. Redis moves with its data (stopped, every file
 * copied and verified, started on the new node); the stateless web app is started again next to it. Needs a Swarm
 * whose nodes carry zone labels ({@code scripts/cluster.sh up 2}).
 *
 * <p>Run it with {@code mvn -pl samples exec:java -Ddemo.mainClass=dev.berth.samples.AppMovesWithItsData}.
 */
public final class AppMovesWithItsData implements Story {
    private final Redis redis = new Redis();
    private final WebCounter app = new WebCounter();

    public static void main(String[] args) {
        StoryRunner.run(new AppMovesWithItsData(), "flocker");
    }

    @Override
    public boolean run(Berth berth, String prefix, PrintStream out) {
        Zones zones = Zones.of(berth);
        Node zoneA = zones.a();
        Node zoneB = zones.b();
        out.println("The Flocker demo: a web counter and its Redis run on node " + zoneA.id() + " (zone a), then the "
                + "app moves to node " + zoneB.id() + " (zone b) with its data.");
        PersistentVolume data = berth.volume(prefix + "-data").node(zoneA).create();
        StatefulContainer cache = berth.container(prefix + "-redis").recipe(redis).mount(data, redis.dataPath())
                .start();
        StatefulContainer web = app.start(berth, prefix + "-web", zoneA, cache);
        out.println("1. Started Redis (data on volume " + data.name() + ") and the web counter, both as Swarm services "
                + "on node " + cache.node().id() + ".");
        String page = "";
        for (int i = 0; i < 3; i++) {
            page = app.visit(web);
        }
        out.println("2. Visited the page three times: \"" + page + "\"");

        web.remove();
        MoveReport moved = cache.moveTo(zoneB);
        web = app.start(berth, prefix + "-web", zoneB, cache);
        out.println("3. Moved the app to zone b: Redis stopped, " + moved.filesVerified() + " files copied and "
                + "verified, Redis started on node " + cache.node().id() + " (" + moved.downtime().toMillis()
                + " ms down); the web counter started next to it on node " + web.node().id() + ".");
        page = app.visit(web);
        out.println("4. Visited the page on zone b: \"" + page + "\"");
        boolean survived = page.contains("seen 4 times") && cache.node().id().equals(zoneB.id())
                && web.node().id().equals(zoneB.id());
        out.println(survived ? "What survived: the count. The app went on at 4 visits on zone b."
                : "LOST: expected the fourth visit on zone b, got \"" + page + "\".");
        return survived;
    }
}
