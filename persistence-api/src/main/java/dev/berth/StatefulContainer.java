package dev.berth;

import java.util.List;

/**
 * A container whose data lives on {@link PersistentVolume}s, so that the container itself can be killed, recreated
 * and replaced at will. Get one with {@code berth.container("name")...start()}.
 *
 * <p>Every start creates a fresh container from the spec on the same volumes: only the volumes carry state.
 * Thread-safe: operations on one container are serialised. Its {@code toString()} never shows a secret.
 *
 * <pre>{@code
 * StatefulContainer redis = berth.container("cache").image("redis:7.0").mount(data, "/data").start();
 * redis.kill();      // SIGKILL, like the power going out
 * redis.recreate();  // a new container on the same volume, ready when it returns
 * }</pre>
 */
public interface StatefulContainer {

    String name();

    ContainerSpec spec();

    /** Starts a fresh container from the spec if none runs, and waits until it is ready. */
    void start();

    /** Stops gracefully (the image's stop signal, then SIGKILL after {@link ContainerSpec#stopTimeout()}). */
    void stop();

    /** SIGKILL, like the power going out. */
    void kill();

    /** Sends a signal, such as {@code "SIGHUP"}; the container may or may not exit. */
    void kill(String signal);

    /** Freezes every process of the container. */
    void pause();

    /** Thaws a paused container. */
    void unpause();

    /** {@link #stop()}, then {@link #start()}. */
    void restart();

    /** Removes whatever container there is (running or not) and starts a new one on the same volumes; waits until ready. */
    void recreate();

    /** Runs a command inside the running container and waits for it. */
    ExecResult exec(String... command);

    /** Everything the current container wrote to stdout and stderr. */
    String logs();

    ContainerState state();

    /** The host that published ports are reachable on, such as {@code localhost}. */
    String host();

    /**
     * The host port that a container port given with {@link ContainerSpec.Settings#port(int)} is published on.
     *
     * @throws IllegalArgumentException for a port that was not published
     */
    int mappedPort(int containerPort);

    /** The node the container runs on (or last ran on). */
    Node node();

    /**
     * Moves the container and its data to another node: stops it, copies every LOCAL volume to the target node
     * through the Engine API, verifies each file's checksum, starts it there, and only then retires the source copies.
     * If anything fails, the container comes back on the source node with its data intact.
     *
     * @throws NodeUnavailableException when a node's engine cannot be reached
     */
    MoveReport moveTo(Node target);

    /** The volumes mounted into this container. */
    List<PersistentVolume> volumes();

    /** Removes the container only; each volume follows its {@link ReclaimPolicy}. */
    void remove();

    /**
     * Describes a container as {@link ContainerSpec.Builder} does, then acts on it: what {@link Berth} returns for
     * one. Not thread-safe.
     */
    abstract class Builder extends ContainerSpec.Settings<Builder> {
        /** @throws InvalidNameException when Docker would reject the name */
        protected Builder(String name) {
            super(name);
        }

        @Override
        protected final Builder self() {
            return this;
        }

        /**
         * Creates the container and starts it, returning once it is ready.
         *
         * @throws ExclusiveAccessException when another container writes to one of its SINGLE_WRITER volumes
         * @throws ImageNotFoundException when the image is neither on the engine nor pullable
         * @throws NameTakenException when a container of that name exists that Berth did not create
         * @throws ContainerNotReadyException when it exits or is not ready in time
         */
        public abstract StatefulContainer start();

        /** Prepares the container without starting it; {@link StatefulContainer#start()} starts it. */
        public abstract StatefulContainer create();
    }
}
