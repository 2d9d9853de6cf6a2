package io.mysimbdp.local;

/** One server of the embedded stack: started once, stopped once (from the JVM shutdown hook). */
interface EmbeddedServer {

    /** Starts the server; returns only when clients can use it. */
    void start() throws Exception;

    /** Stops the server and flushes its data; safe to call when start failed half-way. */
    void stop();

    /** host:port clients connect to. */
    String address();
}
