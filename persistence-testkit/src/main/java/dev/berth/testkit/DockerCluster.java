package dev.berth.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Needs a Docker Swarm with at least {@link #nodes()} nodes besides the manager, and injects {@link dev.berth.Cluster}
 * and {@link dev.berth.Node} (the first worker) into test and lifecycle methods; {@link dev.berth.Berth} too when the
 * class has no {@link PersistentContainer}. When the Swarm is missing or too small, the command in the system property
 * {@value ClusterControl#UP_PROPERTY} (such as {@code bash scripts/cluster.sh up {nodes}}) creates it, if given;
 * otherwise the tests fail saying how to create one. They are never skipped.
 *
 * <pre>{@code
 * @DockerCluster(nodes = 2)
 * @PersistentContainer(recipe = Redis.class)
 * class MoveTest {
 *     @Test
 *     void followsItsDataToAnotherNode(Cluster cluster, StatefulContainer redis) {
 *         PersistenceAssertions.assertThat(redis).survives(Disruption.moveTo(cluster.nodes().get(1)));
 *     }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(DockerClusterExtension.class)
public @interface DockerCluster {

    /** Nodes besides the manager. */
    int nodes() default 2;
}
