package dev.berth.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.ContainerSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedisTest {

    @Test
    void byDefaultRedis70FsyncsEveryWriteToItsAppendOnlyFileOnTheVolume() {
        Redis redis = new Redis();

        assertThat(redis.image()).isEqualTo("redis:7.0");
        assertThat(redis.durability()).isEqualTo(Redis.Durability.EVERY_WRITE);
        assertThat(String.join(" ", redis.command()))
                .startsWith("redis-server ").contains("--appendonly yes", "--appendfsync always", "--dir /data");
        assertThat(redis.dataPath()).isEqualTo("/data");
        assertThat(redis.ports()).containsExactly(Redis.PORT);
    }

    @ParameterizedTest
    @CsvSource({"EVERY_WRITE, always", "EVERY_SECOND, everysec", "OS_DECIDES, no"})
    void eachDurabilityLevelIsAnAppendfsyncPolicy(Redis.Durability level, String appendfsync) {
        Redis redis = new Redis().withDurability(level);

        assertThat(level.appendfsync()).isEqualTo(appendfsync);
        assertThat(String.join(" ", redis.command())).contains("--appendfsync " + appendfsync);
    }

    @Test
    void withMethodsReturnChangedCopies() {
        Redis original = new Redis();

        Redis changed = original.withImage("redis:7.2").withDurability(Redis.Durability.EVERY_SECOND);

        assertThat(changed.image()).isEqualTo("redis:7.2");
        assertThat(changed.durability()).isEqualTo(Redis.Durability.EVERY_SECOND);
        assertThat(original.image()).isEqualTo("redis:7.0");
        assertThat(original.durability()).isEqualTo(Redis.Durability.EVERY_WRITE);
    }

    @Test
    void anImageGivenAfterTheRecipeOverridesItsDefault() {
        ContainerSpec spec = ContainerSpec.builder("cache").recipe(new Redis()).image("registry.local/redis:7.0").spec();

        assertThat(spec.image()).isEqualTo("registry.local/redis:7.0");
        assertThat(spec.command()).isEqualTo(new Redis().command());
        assertThat(spec.readiness().description()).isEqualTo("Redis answers PING");
    }
}
