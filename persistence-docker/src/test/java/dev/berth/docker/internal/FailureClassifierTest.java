package dev.berth.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.InternalServerErrorException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.exception.UnauthorizedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** One row of the classification table per case. */
class FailureClassifierTest {

    @ParameterizedTest(name = "{0} \"{1}\" is {2}")
    @CsvSource(delimiter = '|', textBlock = """
            500 | error while removing volume: remove /var/lib/docker/volumes/x: device or resource busy | TRANSIENT
            409 | removal of container 3f2a is already in progress                                        | TRANSIENT
            500 | removal of container 3f2a is already in progress                                        | TRANSIENT
            500 | VolumeDriver.Mount: plugin rexray timed out                                              | TRANSIENT
            500 | context deadline exceeded                                                                | TRANSIENT
            500 | dial tcp 10.0.0.1:443: i/o timeout                                                       | TRANSIENT
            500 | Resource temporarily unavailable                                                         | TRANSIENT
            503 | service unavailable                                                                      | TRANSIENT
            502 | bad gateway                                                                              | TRANSIENT
            504 | gateway timeout                                                                          | TRANSIENT
            500 | invalid reference format                                                                 | FATAL
            500 | driver failed programming external connectivity                                          | FATAL
            400 | invalid mount config                                                                     | INPUT
            401 | unauthorized                                                                             | INPUT
            403 | forbidden                                                                                | INPUT
            404 | No such container: x                                                                     | NOT_FOUND
            409 | Conflict. The container name "/x" is already in use                                     | CONFLICT
            304 | container already started                                                                | NOT_MODIFIED
            """)
    void classifiesByStatusAndMessage(int status, String message, Failure expected) {
        assertThat(FailureClassifier.byStatus(status, message)).isEqualTo(expected);
        assertThat(FailureClassifier.classify(new DockerException(message, status))).isEqualTo(expected);
    }

    @Test
    void docker_javasOwnExceptionTypesCarryTheirStatus() {
        assertThat(FailureClassifier.classify(new NotFoundException("No such volume"))).isEqualTo(Failure.NOT_FOUND);
        assertThat(FailureClassifier.classify(new ConflictException("name in use"))).isEqualTo(Failure.CONFLICT);
        assertThat(FailureClassifier.classify(new BadRequestException("bad"))).isEqualTo(Failure.INPUT);
        assertThat(FailureClassifier.classify(new UnauthorizedException("no"))).isEqualTo(Failure.INPUT);
        assertThat(FailureClassifier.classify(new NotModifiedException("same"))).isEqualTo(Failure.NOT_MODIFIED);
        assertThat(FailureClassifier.classify(new InternalServerErrorException("device or resource busy")))
                .isEqualTo(Failure.TRANSIENT);
    }

    @Test
    void connectionFailuresAreTransientWhereverTheyAreWrapped() {
        assertThat(FailureClassifier.classify(new RuntimeException(new ConnectException("Connection refused"))))
                .isEqualTo(Failure.TRANSIENT);
        assertThat(FailureClassifier.classify(new RuntimeException(new SocketException("Connection reset"))))
                .isEqualTo(Failure.TRANSIENT);
        assertThat(FailureClassifier.classify(new UncheckedIOException(new IOException("broken pipe"))))
                .isEqualTo(Failure.TRANSIENT);
    }

    @Test
    void anythingElseIsFatal() {
        assertThat(FailureClassifier.classify(new IllegalStateException("bug"))).isEqualTo(Failure.FATAL);
    }
}
