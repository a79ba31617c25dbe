package dev.berth.docker.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageReferenceTest {

    @ParameterizedTest
    @CsvSource({
            "redis:7.0, redis, 7.0",
            "redis, redis, latest",
            "registry:5000/team/app:1.2, registry:5000/team/app, 1.2",
            "registry:5000/team/app, registry:5000/team/app, latest",
            "postgres@sha256:abc, postgres, sha256:abc"})
    void splitsRepositoryAndTag(String image, String repository, String tag) {
        assertThat(ImageReference.repository(image)).isEqualTo(repository);
        assertThat(ImageReference.tag(image)).isEqualTo(tag);
    }
}
