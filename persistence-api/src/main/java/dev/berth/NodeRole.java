package dev.berth;

/** A node's role in a Swarm. */
public enum NodeRole {
    MANAGER,
    WORKER
}
