package dev.berth.docker.internal.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.PullImageResultCallback;
import dev.berth.BerthException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** A pull through docker-java, within a deadline, its failure kept for the caller rather than logged. */
final class DockerJavaImages {
    private DockerJavaImages() {
    }

    static void pull(DockerClient client, String image, Duration deadline) {
        try {
            QuietPull pull = client.pullImageCmd(ImageReference.repository(image)).withTag(ImageReference.tag(image))
                    .exec(new QuietPull());
            boolean done = pull.awaitCompletion(deadline.toMillis(), TimeUnit.MILLISECONDS);
            pull.throwFailure();
            if (!done) {
                pull.close();
                throw new UncheckedIOException(new SocketTimeoutException("the pull of " + image + " took over "
                        + deadline.toMinutes() + " minutes"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BerthException("Interrupted while pulling image " + image, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Keeps a pull's failure for the caller instead of logging it as an error. */
    private static final class QuietPull extends PullImageResultCallback {
        private volatile @Nullable RuntimeException failure;

        @Override
        public void onError(Throwable throwable) {
            failure = throwable instanceof RuntimeException e ? e : new RuntimeException(throwable);
            try {
                close();
            } catch (IOException ignored) {
                // closing a finished stream; the failure is what matters
            }
        }

        void throwFailure() {
            RuntimeException f = failure;
            if (f != null) {
                throw f;
            }
        }
    }
}
