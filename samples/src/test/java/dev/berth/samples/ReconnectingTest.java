package dev.berth.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.BerthException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReconnectingTest {
    private final List<FakeConnection> opened = new ArrayList<>();
    private final Reconnecting<FakeConnection> connection = new Reconnecting<>("Fake on container 'db'", () -> {
        FakeConnection c = new FakeConnection(opened.size() + 1);
        opened.add(c);
        return c;
    });

    /** A connection that knows its number and whether it was closed. */
    private static final class FakeConnection implements AutoCloseable {
        final int number;
        boolean closed;

        FakeConnection(int number) {
            this.number = number;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void aConnectionThatWorksIsKept() {
        connection.call(c -> c.number);
        int second = connection.call(c -> c.number);

        assertThat(second).isEqualTo(1);
        assertThat(opened).hasSize(1);
    }

    @Test
    void aCallThatFailsIsTriedOnceMoreOnAFreshConnection() {
        int answeredBy = connection.call(c -> {
            if (c.number == 1) {
                throw new IOException("connection reset");
            }
            return c.number;
        });

        assertThat(answeredBy).isEqualTo(2);
        assertThat(opened.get(0).closed).isTrue();
        assertThat(opened.get(1).closed).isFalse();
    }

    @Test
    void aCallThatFailsTwiceSaysWhichConnectionAndWhy() {
        assertThatThrownBy(() -> connection.call(c -> {
            throw new IOException("refused by " + c.number);
        })).isInstanceOf(BerthException.class)
                .hasMessage("Fake on container 'db' did not answer, even on a fresh connection: refused by 2")
                .satisfies(e -> assertThat(e.getCause().getSuppressed()).extracting(Throwable::getMessage)
                        .containsExactly("refused by 1"));
        assertThat(opened).allMatch(c -> c.closed);
    }

    @Test
    void anOpenerThatFailsCountsAsAFailedCall() {
        Reconnecting<FakeConnection> unreachable = new Reconnecting<>("Fake on container 'gone'", () -> {
            throw new IllegalArgumentException("port 6379 of container 'gone' was not published");
        });

        assertThatThrownBy(() -> unreachable.call(c -> c.number)).isInstanceOf(BerthException.class)
                .hasMessageContaining("container 'gone'").hasMessageContaining("was not published");
    }
}
