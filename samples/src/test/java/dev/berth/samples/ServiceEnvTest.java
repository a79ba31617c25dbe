package dev.berth.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.ContainerSpec;
import org.junit.jupiter.api.Test;

class ServiceEnvTest {

    @Test
    void aPasswordGivenOnTheBuilderBeforeTheRecipeIsTheOneTheClientsUse() {
        ContainerSpec spec = ContainerSpec.builder("pg").secretEnv("POSTGRES_PASSWORD", "from-the-vault")
                .recipe(new Postgres().withPassword("from-the-recipe")).spec();

        assertThat(ServiceEnv.value(spec, "POSTGRES_PASSWORD", "from-the-recipe")).isEqualTo("from-the-vault");
    }

    @Test
    void plainEnvironmentCountsAndTheRecipesValueIsTheLastResort() {
        ContainerSpec spec = ContainerSpec.builder("pg").env("POSTGRES_USER", "orders").image("postgres:15").spec();

        assertThat(ServiceEnv.value(spec, "POSTGRES_USER", "postgres")).isEqualTo("orders");
        assertThat(ServiceEnv.value(spec, "POSTGRES_DB", "postgres")).isEqualTo("postgres");
    }
}
