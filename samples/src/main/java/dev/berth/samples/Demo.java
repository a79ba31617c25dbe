package dev.berth.samples;

import dev.berth.Berth;
import dev.berth.ExclusiveAccessException;
import dev.berth.PersistentVolume;
import dev.berth.StatefulContainer;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

/**
 * The README's demo: data outlives the container that wrote it. Creates a volume, writes an order through one
 * container, SIGKILLs and removes that container, then reads the order back through a brand-new container. Along the
 * way it shows Berth refusing a second writer on the same volume.
 *
 * <p>Run with {@code scripts/demo.sh}, or {@code mvn -pl samples exec:java} once Berth is installed.
 */
public final class Demo {
    private static final String IMAGE = "busybox:1.35";
    private static final String[] SLEEP = {"sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"};

    private Demo() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        String run = Long.toString(System.currentTimeMillis() % 100000, 36);
        try (Berth berth = Berth.connect()) {
            out.println("Connected: " + berth);
            PersistentVolume orders = berth.volume("berth-demo-orders-" + run).label("demo", "berth").create();
            out.println("1. Created volume " + orders.name() + " (" + orders.accessMode() + ", " + orders.reclaimPolicy() + ")");

            StatefulContainer writer = berth.container("berth-demo-writer-" + run).image(IMAGE).command(SLEEP)
                    .mount(orders, "/data").start();
            String order = "order-1 paid at " + Instant.now();
            writer.exec("sh", "-c", "echo '" + order + "' > /data/orders.log && sync");
            out.println("2. Container " + writer.name() + " wrote: " + order);

            try {
                berth.container("berth-demo-intruder-" + run).image(IMAGE).command(SLEEP).mount(orders, "/data").start();
                out.println("!! A second writer was allowed: that should not happen");
            } catch (ExclusiveAccessException refused) {
                out.println("3. A second writer on the same volume was refused: " + refused.getMessage().lines().findFirst().orElse(""));
            }

            long killed = System.nanoTime();
            writer.kill();
            writer.remove();
            out.println("4. Killed the writer with SIGKILL and removed it; the volume stays (reclaim policy RETAIN)");

            StatefulContainer reader = berth.container("berth-demo-reader-" + run).image(IMAGE).command(SLEEP)
                    .mount(orders, "/data").start();
            String read = reader.exec("cat", "/data/orders.log").stdout().strip();
            out.println("5. A brand-new container " + reader.name() + " read: " + read + " ("
                    + Duration.ofNanos(System.nanoTime() - killed).toMillis() + " ms after the kill)");
            out.println(read.equals(order) ? "SURVIVED: the data outlived the container that wrote it."
                    : "LOST: expected '" + order + "'");

            reader.remove();
            orders.delete();
            out.println("6. Cleaned up: removed the reader and deleted the demo volume (Berth created it)");
            if (!read.equals(order)) {
                System.exit(1);
            }
        }
    }
}
