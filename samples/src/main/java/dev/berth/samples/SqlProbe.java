package dev.berth.samples;

import dev.berth.DataProbe;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.HashMap;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes and reads markers in a table {@code berth_probe (k, v)} over JDBC, in auto-commit mode: a write returns once
 * its transaction committed, which is when the server acknowledges it as durable. Creates the table on first use;
 * reconnects when the container was recreated.
 */
final class SqlProbe implements DataProbe {
    private final Dialect dialect;
    private final Reconnecting<Connection> db;

    SqlProbe(String what, Dialect dialect, Reconnecting.Opener<Connection> opener) {
        this.dialect = dialect;
        this.db = new Reconnecting<>(what, () -> prepared(opener.open()));
    }

    private Connection prepared(Connection connection) throws SQLException {
        connection.setAutoCommit(true);
        try (Statement s = connection.createStatement()) {
            s.execute(dialect.createTable());
        }
        return connection;
    }

    @Override
    public void write(String key, String value) {
        db.call(c -> {
            try (PreparedStatement s = c.prepareStatement(dialect.upsert())) {
                s.setString(1, key);
                s.setString(2, value);
                return s.executeUpdate();
            }
        });
    }

    @Override
    public Optional<String> read(String key) {
        return Optional.ofNullable(readAll(List.of(key)).get(key));
    }

    @Override
    public Map<String, String> readAll(Collection<String> wanted) {
        List<String> keys = List.copyOf(wanted);
        Map<String, String> found = new HashMap<>();
        for (int from = 0; from < keys.size(); from += dialect.batch()) {
            List<String> batch = keys.subList(from, Math.min(keys.size(), from + dialect.batch()));
            found.putAll(db.call(c -> {
                Map<String, String> rows = new HashMap<>();
                try (PreparedStatement s = dialect.selectMany(c, batch); ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        rows.put(r.getString(1), r.getString(2));
                    }
                }
                return rows;
            }));
        }
        return found;
    }

    @Override
    public void close() {
        db.close();
    }

    /** What differs between servers: the table, the upsert, and how to ask for many keys at once. */
    enum Dialect {
        POSTGRES("CREATE TABLE IF NOT EXISTS berth_probe (k VARCHAR(255) PRIMARY KEY, v TEXT NOT NULL)",
                "INSERT INTO berth_probe (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v", 10_000) {
            /** One array parameter: a long IN list costs PostgreSQL far more to plan. */
            @Override
            PreparedStatement selectMany(Connection c, List<String> keys) throws SQLException {
                PreparedStatement s = c.prepareStatement("SELECT k, v FROM berth_probe WHERE k = ANY (?)");
                s.setArray(1, c.createArrayOf("varchar", keys.toArray()));
                return s;
            }
        },
        /** MySQL and MariaDB alike; REPLACE needs none of the upsert syntax on which the two differ. */
        MYSQL("CREATE TABLE IF NOT EXISTS berth_probe (k VARCHAR(255) PRIMARY KEY, v TEXT NOT NULL) ENGINE=InnoDB",
                "REPLACE INTO berth_probe (k, v) VALUES (?, ?)", 1_000) {
            @Override
            PreparedStatement selectMany(Connection c, List<String> keys) throws SQLException {
                PreparedStatement s = c.prepareStatement("SELECT k, v FROM berth_probe WHERE k IN ("
                        + String.join(", ", Collections.nCopies(keys.size(), "?")) + ")");
                for (int i = 0; i < keys.size(); i++) {
                    s.setString(i + 1, keys.get(i));
                }
                return s;
            }
        };

        private final String createTable;
        private final String upsert;
        private final int batch;

        Dialect(String createTable, String upsert, int batch) {
            this.createTable = createTable;
            this.upsert = upsert;
            this.batch = batch;
        }

        String createTable() {
            return createTable;
        }

        String upsert() {
            return upsert;
        }

        /** How many keys one {@link #selectMany} asks for at most. */
        int batch() {
            return batch;
        }

        /** A query for the rows {@code (k, v)} of those keys that exist. */
        abstract PreparedStatement selectMany(Connection connection, List<String> keys) throws SQLException;
    }
}
