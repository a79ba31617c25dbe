package dev.berth.testkit;

import dev.berth.Recipe;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts a container on a fresh volume for the tests of a class, and injects {@link dev.berth.StatefulContainer},
 * {@link dev.berth.PersistentVolume}, {@link dev.berth.DataProbe} and {@link dev.berth.Berth} into test and lifecycle
 * method parameters.
 *
 * <p>Lifecycle, the JUnit way: a fresh container and volume for every test method; one for the whole class when the
 * class is annotated {@code @TestInstance(Lifecycle.PER_CLASS)}. Everything a test creates is labelled with the test
 * run's id and removed after it; nothing the test did not create is ever touched.
 *
 * <pre>{@code
 * @PersistentContainer(recipe = Redis.class)
 * class RedisDurabilityTest {
 *     @Test
 *     void survivesEveryDisruption(StatefulContainer redis) {
 *         PersistenceAssertions.assertThat(redis).survives(Disruption.KILL, Disruption.RECREATE);
 *     }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(PersistentContainerExtension.class)
public @interface PersistentContainer {

    /** The recipe to run; it brings image, data path, readiness and a probe that speaks the service's protocol. */
    Class<? extends Recipe> recipe() default Recipe.class;

    /** The image; overrides the recipe's default image when both are given. */
    String image() default "";

    /** Where the volume is mounted; defaults to the recipe's data path. Required with a plain image. */
    String dataPath() default "";

    /** The command, for a plain image; empty for the image's (or the recipe's) default. */
    String[] command() default {};

    /** What to keep after a test. */
    Cleanup cleanup() default Cleanup.ALWAYS;

    /** What the testkit removes after a test. */
    enum Cleanup {
        /** Remove everything the test created. */
        ALWAYS,
        /** Keep the volumes of a failed test for debugging and print their names; remove the rest. */
        KEEP_VOLUMES_ON_FAILURE
    }
}
