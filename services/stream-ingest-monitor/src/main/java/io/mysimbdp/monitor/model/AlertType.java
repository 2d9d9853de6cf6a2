package io.mysimbdp.monitor.model;

/** The alert types of the contract: the stream-ingest-manager acts on the scaling ones and records the others. */
public enum AlertType {
    SCALE_OUT,
    SCALE_IN,
    ERROR,
    /** The share of good records (the tenant's quality rules) fell under its minimum over the window. */
    QUALITY;

    public boolean scaling() {
        return this == SCALE_OUT || this == SCALE_IN;
    }
}
