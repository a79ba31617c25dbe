package dev.berth;

/** Explicit permissions for {@link PersistentVolume#delete(DeleteOption...)}. */
public enum DeleteOption {
    /** Also delete a volume Berth did not create but adopted. Its data is lost. */
    INCLUDING_ADOPTED
}
