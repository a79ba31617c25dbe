package dev.berth.samples;

import dev.berth.DataProbe;
import dev.berth.Readiness;
import dev.berth.Recipe;
import dev.berth.StatefulContainer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A PostgreSQL hot standby that streams the WAL of a primary (seed 004, the primary and its replicas by node label).
 * On a first start, on an empty volume, it copies the primary with {@code pg_basebackup -R}; on every later start it
 * goes on from its own data. Reads are served; writes are refused until it is promoted with
 * {@link Postgres#promote(StatefulContainer)}. Get one from {@link Postgres#standbyOf(StatefulContainer)}. Immutable.
 */
public final class PostgresStandby implements Recipe {
    private static final String START = String.join(" ",
            // On a Swarm the password comes as a secret file (PGPASSWORD_FILE); libpq reads only PGPASSWORD.
            "if [ -n \"${PGPASSWORD_FILE:-}\" ]; then export PGPASSWORD=\"$(cat \"$PGPASSWORD_FILE\")\"; fi;",
            "if [ ! -s \"$PGDATA/PG_VERSION\" ]; then",
            "  mkdir -p \"$PGDATA\" && chown postgres \"$PGDATA\" && chmod 700 \"$PGDATA\" &&",
            "  gosu postgres pg_basebackup -h \"$PRIMARY_HOST\" -p \"$PRIMARY_PORT\" -U \"$POSTGRES_USER\"",
            "    -D \"$PGDATA\" -R -X stream --checkpoint=fast || exit 1;",
            "  echo 'standby: copied the primary';",
            "fi;",
            "exec docker-entrypoint.sh \"$@\"");

    private final Postgres postgres;
    private final String primaryHost;
    private final int primaryPort;
    private final String password;

    PostgresStandby(Postgres postgres, String primaryHost, int primaryPort, String password) {
        this.postgres = Objects.requireNonNull(postgres, "postgres");
        this.primaryHost = Objects.requireNonNull(primaryHost, "primaryHost");
        this.primaryPort = primaryPort;
        this.password = Objects.requireNonNull(password, "password");
    }

    @Override
    public String image() {
        return postgres.image();
    }

    @Override
    public String dataPath() {
        return postgres.dataPath();
    }

    @Override
    public Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>(postgres.env());
        env.put("PRIMARY_HOST", primaryHost);
        env.put("PRIMARY_PORT", Integer.toString(primaryPort));
        return env;
    }

    /** The primary's password, for {@code pg_basebackup} and then for streaming. */
    @Override
    public Map<String, String> secretEnv() {
        Map<String, String> secrets = new LinkedHashMap<>(postgres.secretEnv());
        secrets.put("PGPASSWORD", password);
        return secrets;
    }

    @Override
    public List<String> command() {
        List<String> command = new ArrayList<>(List.of("bash", "-c", START, "standby"));
        command.addAll(postgres.command()); // the server's own command, run by the entrypoint
        return command;
    }

    @Override
    public List<Integer> ports() {
        return postgres.ports();
    }

    @Override
    public Readiness readiness() {
        return Jdbc.answersQueries("PostgreSQL standby", this::connect);
    }

    /** The standby refuses writes: its probe fails to write until it is promoted, and reads what the primary wrote. */
    @Override
    public DataProbe probe(StatefulContainer container) {
        return postgres.probe(container);
    }

    /** A new JDBC connection to the standby (read-only until promoted); close it when done. */
    public Connection connect(StatefulContainer container) throws SQLException {
        return postgres.connect(container);
    }

    @Override
    public String toString() {
        return "PostgresStandby[of " + primaryHost + ":" + primaryPort + ", " + postgres + "]";
    }
}
