package dev.berth.samples;

import dev.berth.Berth;
import dev.berth.ExclusiveAccessException;
import dev.berth.PersistentVolume;
import dev.berth.StatefulContainer;
import java.io.PrintStream;
import java.util.Objects;

/**
 * A second database server on the same data (seed 002, "Nature of locks"), with PostgreSQL, which does not protect
 * its data directory across containers: Berth must refuse the second server before it starts.
 *
 * <p>Run it with {@code mvn -pl samples exec:java -Ddemo.mainClass=dev.berth.samples.SecondServerRefused}.
 */
public final class SecondServerRefused implements Story {
    private final Postgres postgres;

    /** The story on the {@link Postgres} recipe's defaults. */
    public SecondServerRefused() {
        this(new Postgres());
    }

    /** The story on the given recipe, such as {@code new Postgres().withImage("postgres:16")}. */
    public SecondServerRefused(Postgres postgres) {
        this.postgres = Objects.requireNonNull(postgres, "postgres");
    }

    public static void main(String[] args) {
        StoryRunner.run(new SecondServerRefused(), "second-server");
    }

    @Override
    public boolean run(Berth berth, String prefix, PrintStream out) {
        out.println("A second server on the same data: two PostgreSQL containers are pointed at one volume. "
                + "The second must not start.");
        PersistentVolume data = berth.volume(prefix + "-data").create();
        StatefulContainer first = berth.container(prefix + "-pg").recipe(postgres).mount(data, postgres.dataPath())
                .start();
        Jdbc.sql(postgres::connect, first, "CREATE TABLE orders (id INT PRIMARY KEY, status TEXT)",
                "INSERT INTO orders VALUES (1, 'paid')");
        out.println("1. Started PostgreSQL (" + postgres.image() + ") in container " + first.name() + " on volume "
                + data.name() + " and stored order 1: paid.");

        boolean refused;
        try {
            StatefulContainer second = berth.container(prefix + "-pg-2").recipe(postgres)
                    .mount(data, postgres.dataPath()).start();
            second.kill();
            out.println("!! A second server, " + second.name() + ", started on the same data directory; it was "
                    + "killed at once. Nothing stood between two servers and one database.");
            refused = false;
        } catch (ExclusiveAccessException e) {
            out.println("2. Berth refused to start a second server, " + e.refused() + ", on volume " + e.volumeName()
                    + ": " + e.holder() + " already writes to it. Nothing of the second server was left behind.");
            out.println("   Without Berth, both servers would have started. Each runs as process 1 in its own "
                    + "container, so each takes the other's postmaster.pid for a leftover of a crash. Both would "
                    + "write the same WAL and data files, each unaware of the other, and silently corrupt the "
                    + "database. PostgreSQL does not protect its data across containers; MySQL and MariaDB at "
                    + "least wait for a lock on their files and give up after about 30 seconds.");
            refused = true;
        }

        String status = Jdbc.sql(postgres::connect, first, "SELECT status FROM orders WHERE id = 1");
        out.println("3. " + first.name() + " still serves order 1: " + status + ".");
        boolean survived = refused && "paid".equals(status);
        out.println(survived
                ? "What survived: the database, whole, with its one server. The second server never touched it."
                : "LOST: " + (refused ? "order 1 is no longer 'paid'." : "a second server ran on the same data."));
        return survived;
    }
}
