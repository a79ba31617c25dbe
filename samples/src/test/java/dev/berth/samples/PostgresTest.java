package dev.berth.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.ContainerSpec;
import org.junit.jupiter.api.Test;

class PostgresTest {

    @Test
    void theDataDirectoryIsASubdirectoryOfTheVolume() {
        Postgres pg = new Postgres();

        assertThat(pg.dataPath()).isEqualTo("/var/lib/postgresql/data");
        assertThat(pg.env().get("PGDATA")).startsWith(pg.dataPath() + "/").isNotEqualTo(pg.dataPath() + "/");
    }

    @Test
    void byDefaultPostgres15WithItsDurabilitySettingsStated() {
        Postgres pg = new Postgres();

        assertThat(pg.image()).isEqualTo("postgres:15");
        assertThat(String.join(" ", pg.command())).startsWith("postgres ")
                .contains("-c fsync=on", "-c synchronous_commit=on", "-c full_page_writes=on");
        assertThat(pg.ports()).containsExactly(Postgres.PORT);
        assertThat(pg.readiness().description()).contains("accepts a connection");
    }

    @Test
    void thePasswordIsASecretAndNeverShown() {
        Postgres pg = new Postgres().withPassword("hunter2").withUser("orders").withDatabase("shop");

        ContainerSpec spec = ContainerSpec.builder("pg").recipe(pg).spec();

        assertThat(spec.secretEnv().get("POSTGRES_PASSWORD").reveal()).isEqualTo("hunter2");
        assertThat(spec.env()).containsEntry("POSTGRES_USER", "orders").containsEntry("POSTGRES_DB", "shop")
                .doesNotContainValue("hunter2");
        assertThat(spec.toString()).doesNotContain("hunter2");
        assertThat(pg.toString()).doesNotContain("hunter2").contains("orders", "shop");
    }

    @Test
    void withMethodsReturnChangedCopies() {
        Postgres original = new Postgres();

        Postgres sixteen = original.withImage("postgres:16");

        assertThat(sixteen.image()).isEqualTo("postgres:16");
        assertThat(original.image()).isEqualTo("postgres:15");
        assertThat(sixteen.env()).isEqualTo(original.env());
    }
}
