package dev.berth.samples;

import dev.berth.BerthException;
import org.jspecify.annotations.Nullable;

/**
 * One client connection to a container that may be killed or recreated at any time (its mapped port then changes).
 * A call that fails drops the connection and is tried once more on a fresh one, opened against the container's
 * current address; so calls must be idempotent, as the probes' upserts and reads are. Thread-safe: calls are
 * serialised, as the clients (a JDBC connection, a Jedis) are not safe to share.
 */
final class Reconnecting<C extends AutoCloseable> implements AutoCloseable {
    private final String what;
    private final Opener<C> opener;
    private @Nullable C current;

    /** @param what names the connection in error messages, such as {@code "Redis on container 'cache'"} */
    Reconnecting(String what, Opener<C> opener) {
        this.what = what;
        this.opener = opener;
    }

    synchronized <T> T call(Call<C, T> call) {
        try {
            return call.apply(connection());
        } catch (Exception first) {
            discard();
            try {
                return call.apply(connection());
            } catch (Exception second) {
                discard();
                if (second != first) {
                    second.addSuppressed(first);
                }
                throw new BerthException(what + " did not answer, even on a fresh connection: "
                        + second.getMessage(), second);
            }
        }
    }

    private C connection() throws Exception {
        C c = current;
        if (c == null) {
            c = opener.open();
            current = c;
        }
        return c;
    }

    private void discard() {
        C c = current;
        current = null;
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // the connection is broken already: closing it is a courtesy
            }
        }
    }

    @Override
    public synchronized void close() {
        discard();
    }

    /** Opens a connection to the container's current address. */
    @FunctionalInterface
    interface Opener<C> {
        C open() throws Exception;
    }

    /** Something done over a connection. */
    @FunctionalInterface
    interface Call<C, T> {
        T apply(C connection) throws Exception;
    }
}
