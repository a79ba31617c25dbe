package dev.berth.s3;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** An {@link S3Proxy} for the test class: started before its tests, stopped after them. */
final class S3ProxyFixture implements BeforeAllCallback, AfterAllCallback {
    private S3Proxy proxy;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        proxy = S3Proxy.start(Path.of(System.getProperty("berth.it.s3proxyJar", "target/s3proxy/s3proxy.jar")));
    }

    /** A builder of a store in the bucket with the server's credentials. */
    S3StoreBuilder builder() {
        return proxy.builder();
    }

    /** Where the server keeps the bucket's objects, to tamper with them as a damaged disk would. */
    Path bucketDirectory() {
        return proxy.bucketDirectory();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (proxy != null) {
            proxy.close();
        }
    }
}
