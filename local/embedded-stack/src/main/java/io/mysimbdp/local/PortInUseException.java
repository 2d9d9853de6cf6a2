package io.mysimbdp.local;

/** A port the stack needs is already bound by another process. */
final class PortInUseException extends Exception {

    PortInUseException(String host, int port, String what) {
        super(what + " port " + host + ":" + port + " is already in use by another process"
                + " (another Kafka/MongoDB, or a stack started from another checkout?)."
                + " Stop that process or choose another port.");
    }
}
