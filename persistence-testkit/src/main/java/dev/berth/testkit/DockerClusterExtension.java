package dev.berth.testkit;

import dev.berth.Berth;
import dev.berth.Cluster;
import dev.berth.Node;
import dev.berth.NodeRole;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/** The extension behind {@link DockerCluster}. */
final class DockerClusterExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DockerClusterExtension.class);

    /** The connection, closed with the class's context. */
    private record Connection(Berth berth) implements AutoCloseable {
        @Override
        public void close() {
            berth.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        int wanted = AnnotationSupport.findAnnotation(testClass, DockerCluster.class).orElseThrow().nodes();
        Berth berth = TestkitConnection.connect(Map.of(TestRun.LABEL, TestRun.id(context)));
        context.getStore(NAMESPACE).put(Connection.class, new Connection(berth));
        if (workers(berth.cluster()) < wanted) {
            if (!ClusterControl.canCreate()) {
                throw new ExtensionConfigurationException("@DockerCluster(nodes = " + wanted + ") on " + testClass.getName()
                        + " needs a Swarm with " + wanted + " nodes besides the manager; the engine has "
                        + workers(berth.cluster()) + ". Create one (scripts/cluster.sh up " + wanted + "), or set the system "
                        + "property " + ClusterControl.UP_PROPERTY + " to a command that does, such as "
                        + "'bash scripts/cluster.sh up {nodes}'.");
            }
            ClusterControl.up(wanted);
        }
    }

    private static long workers(Cluster cluster) {
        return cluster.isSwarm() ? cluster.nodes().stream().filter(n -> n.role() == NodeRole.WORKER && n.ready()).count() : 0;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        boolean ownsBerth = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), PersistentContainer.class)
                .isEmpty();
        return type == Cluster.class || type == Node.class || (type == Berth.class && ownsBerth);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Berth berth = context.getStore(NAMESPACE).get(Connection.class, Connection.class).berth();
        Class<?> type = parameter.getParameter().getType();
        if (type == Berth.class) {
            return berth;
        }
        if (type == Cluster.class) {
            return berth.cluster();
        }
        return berth.cluster().nodes().stream().filter(n -> n.role() == NodeRole.WORKER).findFirst().orElseThrow();
    }
}
