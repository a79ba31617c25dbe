package dev.berth.docker.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.EngineUnavailableException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The version Berth speaks with an engine: never above its maximum, never below its minimum. */
class ApiVersionTest {

    @ParameterizedTest(name = "an engine of API {1} to {0} is spoken to in {2}")
    @CsvSource(delimiter = '|', textBlock = """
            1.41 | 1.12 | 1.41
            1.45 | 1.24 | 1.45
            1.45 | 1.44 | 1.45
            1.51 | 1.24 | 1.51
            1.51 | 1.44 | 1.51
            1.52 | 1.44 | 1.51
            1.60 | 1.44 | 1.51
            """)
    void theHighestVersionBothSpeak(String engineMax, String engineMin, String agreed) {
        ApiVersion version = ApiVersion.agree(ApiVersion.parse(engineMax), ApiVersion.parse(engineMin), "unix:///e");

        assertThat(version).hasToString(agreed);
        assertThat(version).isLessThanOrEqualTo(ApiVersion.parse(engineMax));
        assertThat(version).isGreaterThanOrEqualTo(ApiVersion.parse(engineMin));
    }

    @ParameterizedTest(name = "an engine of API {1} to {0} is refused")
    @CsvSource(delimiter = '|', textBlock = """
            1.40 | 1.12
            1.41 | 1.44
            1.60 | 1.52
            """)
    void anEngineWhoseRangeMissesBerthsIsRefusedSayingWhichEnginesWork(String engineMax, String engineMin) {
        assertThatThrownBy(() -> ApiVersion.agree(ApiVersion.parse(engineMax), ApiVersion.parse(engineMin),
                "unix:///e"))
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessageContaining("the engine speaks API " + engineMin + " to " + engineMax)
                .hasMessageContaining("Docker 20.10 and newer");
    }

    @ParameterizedTest
    @CsvSource({"1.41, 1.44", "1.9, 1.10", "1.44, 2.0"})
    void versionsCompareAsNumbersNotText(String lower, String higher) {
        assertThat(ApiVersion.parse(lower)).isLessThan(ApiVersion.parse(higher));
    }
}
