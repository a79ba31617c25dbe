package dev.berth;

/** Where a volume's data is reachable from, as its driver reports. */
public enum VolumeScope {
    /** The data lives on one node; moving a container to another node means copying it. */
    LOCAL,
    /** The driver makes the data reachable from every node. */
    GLOBAL
}
