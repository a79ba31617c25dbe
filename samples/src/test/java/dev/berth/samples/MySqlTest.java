package dev.berth.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.ContainerSpec;
import org.junit.jupiter.api.Test;

class MySqlTest {

    @Test
    void byDefaultTheOfficialMysqlImage() {
        assertThat(new MySql().image()).isEqualTo("mysql:8.4");
        assertThat(new MySql().dataPath()).isEqualTo("/var/lib/mysql");
        assertThat(new MySql().ports()).containsExactly(MySql.PORT);
    }

    @Test
    void mariaDbIsTheSameRecipeWithAnotherImage() {
        MySql mysql = new MySql();

        ContainerSpec viaBuilder = ContainerSpec.builder("db").recipe(mysql).image("mariadb:10.11").spec();
        ContainerSpec viaRecipe = ContainerSpec.builder("db").recipe(mysql.withImage("mariadb:10.11")).spec();

        assertThat(viaBuilder.image()).isEqualTo("mariadb:10.11").isEqualTo(viaRecipe.image());
        assertThat(viaBuilder.command()).isEqualTo(viaRecipe.command()).isEqualTo(mysql.command());
        assertThat(viaBuilder.env()).isEqualTo(viaRecipe.env());
    }

    @Test
    void theCommandIsServerOptionsOnlySoThatEitherEntrypointRunsItsOwnServer() {
        assertThat(new MySql().command()).allMatch(option -> option.startsWith("--"))
                .contains("--innodb-flush-log-at-trx-commit=1", "--sync-binlog=1");
    }

    @Test
    void theRootPasswordIsASecretAndNeverShown() {
        MySql mysql = new MySql().withPassword("hunter2").withDatabase("shop");

        ContainerSpec spec = ContainerSpec.builder("db").recipe(mysql).spec();

        assertThat(spec.secretEnv().get("MYSQL_ROOT_PASSWORD").reveal()).isEqualTo("hunter2");
        assertThat(spec.env()).containsEntry("MYSQL_DATABASE", "shop").doesNotContainValue("hunter2");
        assertThat(spec.toString()).doesNotContain("hunter2");
        assertThat(mysql.toString()).doesNotContain("hunter2");
    }
}
