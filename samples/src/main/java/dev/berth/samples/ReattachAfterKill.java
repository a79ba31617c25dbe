package dev.berth.samples;

import dev.berth.Berth;
import dev.berth.PersistentVolume;
import dev.berth.StatefulContainer;
import java.io.PrintStream;
import java.util.Objects;

/**
 * A database killed and re-attached to its files (seed 002, "Attach to existing database files"): MySQL commits
 * three orders, its container is SIGKILLed like a power cut and removed, and a brand-new container of the same name
 * is started on the same volume. InnoDB recovers from its redo log, and every committed order is there.
 *
 * <p>Run it with {@code mvn -pl samples exec:java -Ddemo.mainClass=dev.berth.samples.ReattachAfterKill
 * -Dexec.args=mysql:8.4}; without an argument it runs the MySQL recipe on {@value #LOCAL_IMAGE}, the
 * MySQL-compatible server that machines without a registry have here.
 */
public final class ReattachAfterKill implements Story {
    /** The image the program uses when given none. */
    public static final String LOCAL_IMAGE = "mariadb:10.11";
    private static final String ORDERS = "1 paid, 2 shipped, 3 paid";
    private final MySql mysql;

    /** The story on the {@link MySql} recipe as given, such as {@code new MySql().withImage("mariadb:10.11")}. */
    public ReattachAfterKill(MySql mysql) {
        this.mysql = Objects.requireNonNull(mysql, "mysql");
    }

    /** Runs the story on the image given as the first argument, or on {@value #LOCAL_IMAGE}. */
    public static void main(String[] args) {
        StoryRunner.run(new ReattachAfterKill(new MySql().withImage(args.length > 0 ? args[0] : LOCAL_IMAGE)),
                "reattach");
    }

    @Override
    public boolean run(Berth berth, String prefix, PrintStream out) {
        out.println("A database killed and re-attached to its files: MySQL (image " + mysql.image() + ") commits "
                + "three orders, its container is killed and thrown away, and a new one is started on the same files.");
        PersistentVolume data = berth.volume(prefix + "-dbs").create();
        long started = System.nanoTime();
        StatefulContainer db = berth.container(prefix + "-mydb").recipe(mysql).mount(data, mysql.dataPath()).start();
        out.println("1. Created volume " + data.name() + " and started the server in container " + db.name()
                + ": it set up new database files there and accepted connections after "
                + StoryRunner.secondsSince(started) + ".");
        Jdbc.sql(mysql::connect, db, "CREATE TABLE orders (id INT PRIMARY KEY, status VARCHAR(20)) ENGINE=InnoDB",
                "INSERT INTO orders VALUES (1, 'paid')", "INSERT INTO orders VALUES (2, 'shipped')",
                "INSERT INTO orders VALUES (3, 'paid')");
        out.println("2. Stored three orders (" + ORDERS + "), each committed: the server acknowledged each one.");

        db.kill();
        db.remove();
        out.println("3. Killed the container with SIGKILL right after the last commit, like a power cut, and "
                + "removed it. No server is left, only the volume with its files.");

        long reattached = System.nanoTime();
        StatefulContainer again = berth.container(prefix + "-mydb").recipe(mysql).mount(data, mysql.dataPath())
                .start();
        boolean recovered = again.logs().contains("crash recovery");
        out.println("4. Started a brand-new container of the same name on the existing files: it accepted "
                + "connections after " + StoryRunner.secondsSince(reattached)
                + (recovered ? ", once InnoDB had run its crash recovery." : "."));

        String orders = Jdbc.sql(mysql::connect, again,
                "SELECT GROUP_CONCAT(CONCAT(id, ' ', status) ORDER BY id SEPARATOR ', ') FROM orders");
        out.println("5. Read the orders back: " + orders + ".");
        boolean survived = ORDERS.equals(orders);
        out.println(survived
                ? "What survived: all three committed orders. The data lives on the volume, not in the container."
                : "LOST: expected " + ORDERS + ", found " + orders + ".");
        return survived;
    }
}
