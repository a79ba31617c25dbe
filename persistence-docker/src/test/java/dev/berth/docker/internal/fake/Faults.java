package dev.berth.docker.internal.fake;

import dev.berth.EngineCallException.Reason;
import dev.berth.docker.internal.engine.Engine;
import dev.berth.docker.internal.engine.EnginePlugins;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The faults a test puts on one node's calls, each named by its {@link Engine} method ({@code "createContainer"},
 * {@code "download"}...): answers lost after the engine acted, failures before it acts, delays, hooks, callers held
 * until they meet, and downloads that stall. Calls are counted per name from 1; every call counts, those that fail
 * too. Hooks, meetings and delays run before the call takes the swarm's lock, so other callers go on meanwhile.
 * Thread-safe.
 */
public final class Faults {
    /** The engine's calls, and its plugins' as {@code <call>Plugin} ({@code enablePlugin}, say). */
    private static final Set<String> CALLS = java.util.stream.Stream.concat(
            Arrays.stream(Engine.class.getMethods()).map(Method::getName),
            Arrays.stream(EnginePlugins.class.getMethods()).map(m -> m.getName() + "Plugin"))
            .collect(Collectors.toCollection(TreeSet::new));
    private static final Duration MEETING_TIMEOUT = Duration.ofSeconds(10);
    private static final int EVERY = 0;

    private interface Effect {
    }

    private record Lose() implements Effect {
    }

    private record Fail(Reason reason) implements Effect {
    }

    private record Delay(Duration duration) implements Effect {
    }

    private record Hook(Runnable hook) implements Effect {
    }

    private record Stall(long afterBytes) implements Effect {
    }

    private static final class Meeting implements Effect {
        final CyclicBarrier barrier;
        int seatsLeft;

        Meeting(int parties) {
            barrier = new CyclicBarrier(parties);
            seatsLeft = parties;
        }
    }

    private record Rule(String call, int nth, Effect effect) {
    }

    private final List<Rule> rules = new ArrayList<>();
    private final Map<String, Integer> counts = new HashMap<>();
    private Duration readTimeout = Duration.ofSeconds(10);

    /** The {@code nth} such call acts, then its answer is lost: UNREACHABLE, as if the connection dropped. */
    public Faults loseResponse(String call, int nth) {
        return add(call, counted(nth), new Lose());
    }

    /** Every such call acts, then its answer is lost. */
    public Faults loseResponses(String call) {
        return add(call, EVERY, new Lose());
    }

    /** The {@code nth} such call fails for this reason without acting. */
    public Faults fail(String call, int nth, Reason reason) {
        return add(call, counted(nth), new Fail(reason));
    }

    /** Every such call fails for this reason without acting. */
    public Faults failEvery(String call, Reason reason) {
        return add(call, EVERY, new Fail(reason));
    }

    /** Every such call waits this long before it acts. */
    public Faults delay(String call, Duration duration) {
        return add(call, EVERY, new Delay(duration));
    }

    /** Runs before every such call acts, on the caller's thread, without the swarm's lock. */
    public Faults beforeCall(String call, Runnable hook) {
        return add(call, EVERY, new Hook(hook));
    }

    /** The next {@code parties} such calls wait for each other (10 s at most), then go on together. */
    public Faults interleave(String call, int parties) {
        if (parties < 2) {
            throw new IllegalArgumentException("interleave needs two callers or more, not " + parties);
        }
        return add(call, EVERY, new Meeting(parties));
    }

    /** Every such call (a download) answers with a stream that sends nothing. */
    public Faults stall(String call) {
        return add(streaming(call), EVERY, new Stall(0));
    }

    /** The {@code nth} such call answers with a stream that stalls after its first {@code afterBytes} bytes. */
    public Faults stall(String call, int nth, long afterBytes) {
        return add(streaming(call), counted(nth), new Stall(afterBytes));
    }

    /** How long a read of a stalled stream blocks before it fails with "Read timed out"; 10 s unless set. */
    public synchronized Faults readTimeout(Duration timeout) {
        readTimeout = timeout;
        return this;
    }

    /** Removes every fault; the counts go on. */
    public synchronized Faults clear() {
        rules.clear();
        return this;
    }

    private static int counted(int nth) {
        if (nth < 1) {
            throw new IllegalArgumentException("calls are counted from 1, not " + nth);
        }
        return nth;
    }

    private static String streaming(String call) {
        boolean streams = Arrays.stream(Engine.class.getMethods())
                .anyMatch(m -> m.getName().equals(call) && m.getReturnType() == InputStream.class);
        if (!streams && CALLS.contains(call)) {
            throw new IllegalArgumentException(call + " does not answer with a stream; only a download can stall");
        }
        return call;
    }

    private synchronized Faults add(String call, int nth, Effect effect) {
        if (!CALLS.contains(call)) {
            throw new IllegalArgumentException("Engine has no call named " + call + "; its calls are " + CALLS);
        }
        rules.add(new Rule(call, nth, effect));
        return this;
    }

    /** Counts the call and says what the faults do to it. */
    synchronized Plan enter(String call) {
        int n = counts.merge(call, 1, Integer::sum);
        Plan plan = new Plan(call, readTimeout);
        for (Rule rule : List.copyOf(rules)) {
            if (!rule.call().equals(call) || rule.nth() != EVERY && rule.nth() != n) {
                continue;
            }
            Effect effect = rule.effect();
            if (effect instanceof Lose) {
                plan.losesAnswer = true;
            } else if (effect instanceof Fail fail) {
                plan.failure = plan.failure == null ? fail.reason() : plan.failure;
            } else if (effect instanceof Delay delay) {
                plan.delay = plan.delay.plus(delay.duration());
            } else if (effect instanceof Hook hook) {
                plan.hooks.add(hook.hook());
            } else if (effect instanceof Stall stall) {
                plan.stallAfter = stall.afterBytes();
            } else if (effect instanceof Meeting meeting && plan.meeting == null) {
                plan.meeting = meeting.barrier;
                if (--meeting.seatsLeft == 0) {
                    rules.remove(rule);
                }
            }
        }
        return plan;
    }

    /** What the faults do to one call. */
    static final class Plan {
        private final String call;
        private final Duration readTimeout;
        private final List<Runnable> hooks = new ArrayList<>();
        private Duration delay = Duration.ZERO;
        private @Nullable CyclicBarrier meeting;
        private @Nullable Reason failure;
        private boolean losesAnswer;
        private long stallAfter = -1;

        private Plan(String call, Duration readTimeout) {
            this.call = call;
            this.readTimeout = readTimeout;
        }

        /** Hooks, then the meeting, then the delay: all before the call takes the lock. */
        void beforeActing() {
            hooks.forEach(Runnable::run);
            try {
                if (meeting != null) {
                    meeting.await(MEETING_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                }
                if (!delay.isZero()) {
                    Thread.sleep(delay.toMillis(), delay.toNanosPart() % 1_000_000);
                }
            } catch (TimeoutException | BrokenBarrierException e) {
                throw new IllegalStateException("interleave(\"" + call + "\", " + meeting.getParties() + "): not all "
                        + "callers reached " + call + " within " + MEETING_TIMEOUT.toSeconds() + " s", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted before " + call, e);
            }
        }

        @Nullable Reason failure() {
            return failure;
        }

        boolean losesAnswer() {
            return losesAnswer;
        }

        InputStream stream(byte[] bytes) {
            return stallAfter < 0 ? new ByteArrayInputStream(bytes) : new StalledStream(bytes, stallAfter, readTimeout);
        }
    }
}
