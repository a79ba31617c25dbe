/** JUnit 5 extensions and AssertJ assertions that prove a container's data survives what production does to it. */
module dev.berth.testkit {
    requires transitive dev.berth;
    requires transitive org.junit.jupiter.api;
    requires transitive org.assertj.core;
    requires static org.jspecify;
    requires static testcontainers;
    requires static com.github.dockerjava.api;
    requires org.slf4j;

    exports dev.berth.testkit;

    opens dev.berth.testkit to org.junit.platform.commons;
}
