package dev.berth.testkit;

import java.util.UUID;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The id of one test run (one JUnit engine execution), put on everything the testkit creates. */
final class TestRun {
    static final String LABEL = "dev.berth.test-run";
    static final String CLASS_LABEL = "dev.berth.test-class";

    private TestRun() {
    }

    static String id(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.create(TestRun.class))
                .getOrComputeIfAbsent("id", k -> UUID.randomUUID().toString().substring(0, 8), String.class);
    }
}
