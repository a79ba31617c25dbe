package dev.berth;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BerthConnectTest {

    @Test
    void withoutAnImplementationTheErrorSaysWhichDependencyToAdd() {
        assertThatThrownBy(Berth::connect).isInstanceOf(BerthException.class)
                .hasMessageContaining("dev.berth:persistence-docker");
    }
}
