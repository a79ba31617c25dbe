package dev.berth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "-data", ".data", "_data", "orders pg", "orders/pg", "ørders", "a:b"})
    void namesDockerWouldRejectAreRefusedBeforeAnyCall(String name) {
        assertThatThrownBy(() -> VolumeSpec.builder(name)).isInstanceOfSatisfying(InvalidNameException.class,
                e -> assertThat(e.name()).isEqualTo(name)).hasMessageContaining("[a-zA-Z0-9][a-zA-Z0-9_.-]+");
        assertThatThrownBy(() -> ContainerSpec.builder(name)).isInstanceOf(InvalidNameException.class)
                .hasMessageContaining("container name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg", "orders-pg", "data-orders-0", "v1.2_x", "9lives"})
    void namesDockerAcceptsPass(String name) {
        assertThatCode(() -> VolumeSpec.builder(name)).doesNotThrowAnyException();
        assertThatCode(() -> ContainerSpec.builder(name)).doesNotThrowAnyException();
    }
}
