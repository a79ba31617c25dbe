package dev.berth.docker.internal.engine;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** What repeating an {@link Engine} call does, and so how {@link ResilientEngine} treats a failure of it. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Idempotence {
    Kind value();

    enum Kind {
        /** Repeating it changes nothing more: retried on transient failures. */
        IDEMPOTENT,
        /**
         * Repeating it could act twice: never retried blindly. When its answer is lost, the engine's state is read to
         * tell whether it acted, and it is repeated only when it did not.
         */
        SETTLED,
        /** Neither safe to repeat nor possible to settle (an exec): tried once, its failure is the caller's. */
        ONCE
    }
}
