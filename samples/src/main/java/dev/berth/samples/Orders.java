package dev.berth.samples;

import dev.berth.BerthException;
import dev.berth.StatefulContainer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The PostgreSQL stories' table of orders: created, added to, and counted on a primary or its standbys. */
final class Orders {
    private static final long REPLICATION_WAIT_MILLIS = 30_000;
    private final Postgres postgres;

    Orders(Postgres postgres) {
        this.postgres = postgres;
    }

    /** Creates the table with orders 1 to {@code count}. */
    void create(StatefulContainer primary, int count) {
        execute(primary, "CREATE TABLE orders (id int PRIMARY KEY, state text)",
                "INSERT INTO orders SELECT g, 'paid' FROM generate_series(1, " + count + ") g");
    }

    /** Commits order {@code id}. */
    void add(StatefulContainer primary, int id) {
        execute(primary, "INSERT INTO orders VALUES (" + id + ", 'paid')");
    }

    long count(StatefulContainer server) {
        try (Connection c = postgres.connect(server); Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("SELECT count(*) FROM orders")) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new BerthException("Counting the orders on '" + server.name() + "' failed: " + e.getMessage(), e);
        }
    }

    /** Waits until a standby has replayed {@code expected} orders (30 s at most); returns how many it has. */
    long awaitOn(StatefulContainer standby, long expected) {
        long deadline = System.currentTimeMillis() + REPLICATION_WAIT_MILLIS;
        long seen = -1;
        while (System.currentTimeMillis() < deadline) {
            try {
                seen = count(standby);
                if (seen >= expected) {
                    return seen;
                }
            } catch (BerthException notYet) {
                // the table may not be replayed yet
            }
            Pause.briefly();
        }
        return seen;
    }

    void execute(StatefulContainer server, String... statements) {
        try (Connection c = postgres.connect(server); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new BerthException("On '" + server.name() + "': " + e.getMessage(), e);
        }
    }
}
