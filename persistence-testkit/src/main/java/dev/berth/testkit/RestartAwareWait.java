package dev.berth.testkit;

import dev.berth.PersistentVolume;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.time.Duration;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.LogMessageWaitStrategy;
import org.testcontainers.containers.wait.strategy.WaitStrategy;
import org.testcontainers.containers.wait.strategy.WaitStrategyTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Testcontainers module's wait, as it should be on a Berth volume: the module's own on a first start (an empty
 * volume), and on a restart over existing data the same wait for a log line, counted once. Database modules wait for
 * their "ready" line twice, because the official images run a temporary server while they initialise an empty data
 * directory; on existing data the line comes once, and the module's wait would never end. Any other wait is kept as
 * it is. Whether the volume holds data is looked at before every start of the container.
 */
final class RestartAwareWait implements WaitStrategy {
    private static final Logger LOG = LoggerFactory.getLogger(RestartAwareWait.class);

    private final WaitStrategy own;
    private final PersistentVolume volume;
    private volatile boolean restart;

    private RestartAwareWait(WaitStrategy own, PersistentVolume volume) {
        this.own = own;
        this.volume = volume;
    }

    /** Puts the restart-aware wait in place of the container's own; returns it. */
    static RestartAwareWait install(GenericContainer<?> container, PersistentVolume volume) {
        RestartAwareWait wait = new RestartAwareWait(ownWait(container), volume);
        container.setWaitStrategy(wait);
        return wait;
    }

    /** Before each start: a restart if the volume holds data. */
    void beforeStart() {
        restart = !volume.isEmpty();
    }

    @Override
    public void waitUntilReady(WaitStrategyTarget target) {
        (restart ? onRestart(own) : own).waitUntilReady(target);
    }

    @Override
    public WaitStrategy withStartupTimeout(Duration timeout) {
        own.withStartupTimeout(timeout);
        return this;
    }

    /** A wait for a log line several times becomes one for it once; any other stays. */
    static WaitStrategy onRestart(WaitStrategy wait) {
        if (!(wait instanceof LogMessageWaitStrategy log)) {
            return wait;
        }
        try {
            int times = (int) field(LogMessageWaitStrategy.class, "times").get(log);
            if (times <= 1) {
                return wait;
            }
            String regEx = (String) field(LogMessageWaitStrategy.class, "regEx").get(log);
            Duration timeout = (Duration) field(log.getClass().getSuperclass(), "startupTimeout").get(log);
            return new LogMessageWaitStrategy().withRegEx(regEx).withTimes(1).withStartupTimeout(timeout);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("Could not read the module's log wait ({}); a restart waits as the first start did", e.toString());
            return wait;
        }
    }

    private static WaitStrategy ownWait(GenericContainer<?> container) {
        try {
            Method getter = GenericContainer.class.getDeclaredMethod("getWaitStrategy");
            getter.setAccessible(true);
            return (WaitStrategy) getter.invoke(container);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("This Testcontainers version hides the container's wait strategy: "
                    + e, e);
        }
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field f = type.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }
}
