/**
 * Berth's recipes ({@code Redis}, {@code Postgres}, {@code MySql}), whose probes speak each service's own protocol
 * through its Java client, and the users' stories as runnable programs.
 */
module dev.berth.samples {
    requires transitive dev.berth;
    requires transitive java.sql;
    requires transitive redis.clients.jedis;
    requires java.net.http;
    requires org.postgresql.jdbc;
    requires org.mariadb.jdbc;
    requires static org.jspecify;

    exports dev.berth.samples;
}
