/** Berth over docker-java: found by {@code Berth.connect()} through {@link dev.berth.spi.BerthProvider}. */
module dev.berth.docker {
    requires dev.berth;
    requires static org.jspecify;
    requires com.github.dockerjava.api;
    requires com.github.dockerjava.core;
    requires com.github.dockerjava.transport;
    requires com.github.dockerjava.transport.httpclient5;
    requires com.fasterxml.jackson.databind;
    requires dev.failsafe.core;
    requires org.apache.commons.compress;
    requires com.github.luben.zstd_jni;
    requires org.apache.commons.io;
    requires org.slf4j;

    exports dev.berth.docker;

    uses dev.berth.spi.SnapshotStoreProvider;

    provides dev.berth.spi.BerthProvider with dev.berth.docker.DockerBerthProvider;
}
