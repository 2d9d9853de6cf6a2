package io.mysimbdp.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Checks a port is free before a server binds it, so a taken port gives one clear message
 * instead of a stack trace from deep inside Kafka or Netty.
 */
final class PortCheck {

    private PortCheck() {
    }

    static void requireFree(String host, int port, String what) throws PortInUseException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new PortInUseException(host, port, what);
        }
    }
}
