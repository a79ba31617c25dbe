package dev.berth.docker.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.InternalServerErrorException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.exception.UnauthorizedException;
import dev.berth.BerthException;
import dev.berth.EngineCallException.Reason;
import dev.berth.EngineCallException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One row of the translation table per case; no docker-java type survives a translation. */
class EngineFailuresTest {

    @ParameterizedTest(name = "{0} \"{1}\" is {2}")
    @CsvSource(delimiter = '|', textBlock = """
            500 | error while removing volume: remove /var/lib/docker/volumes/x: device or resource busy | BUSY
            409 | removal of container 3f2a is already in progress                                        | BUSY
            500 | removal of container 3f2a is already in progress                                        | BUSY
            500 | VolumeDriver.Mount: plugin rexray timed out                                              | BUSY
            500 | context deadline exceeded                                                                | BUSY
            500 | dial tcp 10.0.0.1:443: i/o timeout                                                       | BUSY
            500 | Resource temporarily unavailable                                                         | BUSY
            503 | service unavailable                                                                      | UNREACHABLE
            502 | bad gateway                                                                              | UNREACHABLE
            504 | gateway timeout                                                                          | UNREACHABLE
            500 | invalid reference format                                                                 | FAILED
            500 | driver failed programming external connectivity                                          | FAILED
            400 | invalid mount config                                                                     | INVALID
            401 | unauthorized                                                                             | INVALID
            403 | forbidden                                                                                | INVALID
            404 | No such container: x                                                                     | NOT_FOUND
            409 | Conflict. The container name "/x" is already in use                                     | CONFLICT
            409 | Container 3f2a is not running                                                            | CONFLICT
            500 | Container 3f2a is not paused                                                             | CONFLICT
            304 | container already started                                                                | NOT_MODIFIED
            """)
    void sortsByStatusAndMessage(int status, String message, Reason expected) {
        assertThat(EngineFailures.reason(status, message)).isEqualTo(expected);
        assertThat(translated(new DockerException(message, status)).reason()).isEqualTo(expected);
    }

    @Test
    void docker_javasOwnExceptionTypesCarryTheirStatus() {
        assertThat(translated(new NotFoundException("No such volume")).reason()).isEqualTo(Reason.NOT_FOUND);
        assertThat(translated(new ConflictException("name in use")).reason()).isEqualTo(Reason.CONFLICT);
        assertThat(translated(new BadRequestException("bad")).reason()).isEqualTo(Reason.INVALID);
        assertThat(translated(new UnauthorizedException("no")).reason()).isEqualTo(Reason.INVALID);
        assertThat(translated(new NotModifiedException("same")).reason()).isEqualTo(Reason.NOT_MODIFIED);
        assertThat(translated(new InternalServerErrorException("device or resource busy")).reason())
                .isEqualTo(Reason.BUSY);
    }

    @Test
    void connectionFailuresAreUnreachableWhereverTheyAreWrappedAndTimeoutsTimedOut() {
        assertThat(translated(new RuntimeException(new ConnectException("Connection refused"))).reason())
                .isEqualTo(Reason.UNREACHABLE);
        assertThat(translated(new RuntimeException(new SocketException("Connection reset"))).reason())
                .isEqualTo(Reason.UNREACHABLE);
        assertThat(translated(new UncheckedIOException(new IOException("broken pipe"))).reason())
                .isEqualTo(Reason.UNREACHABLE);
        assertThat(translated(new RuntimeException(new SocketTimeoutException("Read timed out"))).reason())
                .isEqualTo(Reason.TIMED_OUT);
    }

    @Test
    void aPauseOfAStoppedContainerSaysWhatToDoAndKeepsNoDockerJavaType() {
        EngineCallException e = translated(new ConflictException(
                "Status 409: {\"message\":\"Container 3f2a is not running\"}"));

        assertThat(e.reason()).isEqualTo(Reason.CONFLICT);
        assertThat(e.status()).isEqualTo(409);
        assertThat(e.operation()).isEqualTo("pause container 3f2a");
        assertThat(e).hasMessageContaining("Container 3f2a is not running").hasMessageContaining("start it first")
                .hasNoCause();
    }

    @Test
    void anythingElseFailsWithoutBeingRetried() {
        EngineCallException e = translated(new IllegalStateException("bug"));
        assertThat(e.reason()).isEqualTo(Reason.FAILED);
        assertThat(e.isTransient()).isFalse();
        assertThat(e).hasNoCause();
    }

    private static EngineCallException translated(Throwable failure) {
        BerthException e = EngineFailures.translate("pause container 3f2a", "unix:///var/run/docker.sock", failure);
        assertThat(e).isInstanceOf(EngineCallException.class);
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(t.getClass().getName()).doesNotStartWith("com.github.dockerjava");
        }
        return (EngineCallException) e;
    }
}
