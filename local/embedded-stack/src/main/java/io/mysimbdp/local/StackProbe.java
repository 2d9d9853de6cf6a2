package io.mysimbdp.local;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteOrder;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.mysimbdp.local.store.GuardedBackend;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * What `make status` (local/status.sh) asks each embedded server: {@code mongo HOST:PORT} pings the
 * store and asks its heap guard whether it takes writes; {@code kafka HOST:PORT} fetches the broker's
 * cluster metadata. Prints "ok" or what is wrong in one line; exit code 0 when ok, 1 otherwise.
 */
public final class StackProbe {

    static final int TIMEOUT_MILLIS = 3000;
    private static final int OP_MSG = 2013;
    private static final int HEADER_BYTES = 16;
    private static final int MAX_REPLY_BYTES = 1 << 20;

    private StackProbe() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.out.println("usage: StackProbe mongo|kafka HOST:PORT");
            System.exit(2);
        }
        String verdict = switch (args[0]) {
            case "mongo" -> mongo(args[1]);
            case "kafka" -> kafka(args[1]);
            default -> "unknown probe '" + args[0] + "' (expected mongo or kafka)";
        };
        System.out.println(verdict);
        System.exit("ok".equals(verdict) ? 0 : 1);
    }

    /** "ok", or why the store at HOST:PORT is not usable. */
    static String mongo(String address) {
        try (Socket socket = connect(address)) {
            Document ping = command(socket, new Document("ping", 1));
            if (!isOk(ping)) {
                return "store ping failed: " + ping.get("errmsg");
            }
            Document state = command(socket, new Document(GuardedBackend.STATE_COMMAND, 1));
            if (isOk(state) && Boolean.FALSE.equals(state.get("writable"))) {
                return "store full: refusing writes, " + state.get("heapUsedAfterGcPercent") + "% of its "
                        + state.get("maxHeapMiB") + " MiB heap in use after GC (raise MONGO_HEAP or use MONGODB_URI)";
            }
            return "ok";
        } catch (IOException | RuntimeException e) {
            return "store not answering on " + address + ": " + e.getMessage();
        }
    }

    /** "ok", or why the broker at HOST:PORT is not usable. */
    static String kafka(String address) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, address);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MILLIS);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MILLIS);
        try (Admin admin = Admin.create(props)) {
            int brokers = admin.describeCluster().nodes().get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS).size();
            return brokers > 0 ? "ok" : "broker metadata lists no broker";
        } catch (Exception e) {
            return "broker metadata not available from " + address + " within " + TIMEOUT_MILLIS + " ms: " + e.getClass().getSimpleName();
        }
    }

    private static Socket connect(String address) throws IOException {
        int colon = address.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("expected HOST:PORT, got '" + address + "'");
        }
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1))), TIMEOUT_MILLIS);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        return socket;
    }

    private static boolean isOk(Document reply) {
        return reply.get("ok") instanceof Number n && n.doubleValue() == 1.0;
    }

    /** One OP_MSG round trip on the admin database. */
    private static Document command(Socket socket, Document command) throws IOException {
        command.put("$db", "admin");
        ByteBuf body = Unpooled.buffer().order(ByteOrder.LITTLE_ENDIAN);
        BsonEncoder.encodeDocument(command, body);
        ByteBuf message = Unpooled.buffer().order(ByteOrder.LITTLE_ENDIAN);
        message.writeIntLE(HEADER_BYTES + 4 + 1 + body.readableBytes());
        message.writeIntLE(1);
        message.writeIntLE(0);
        message.writeIntLE(OP_MSG);
        message.writeIntLE(0); // flag bits
        message.writeByte(0); // section kind 0: the body
        message.writeBytes(body);
        byte[] bytes = new byte[message.readableBytes()];
        message.readBytes(bytes);
        OutputStream out = socket.getOutputStream();
        out.write(bytes);
        out.flush();

        DataInputStream in = new DataInputStream(socket.getInputStream());
        byte[] header = new byte[HEADER_BYTES];
        in.readFully(header);
        int length = Unpooled.wrappedBuffer(header).getIntLE(0);
        if (length < HEADER_BYTES + 5 || length > MAX_REPLY_BYTES) {
            throw new IOException("unexpected reply length " + length);
        }
        byte[] rest = new byte[length - HEADER_BYTES];
        in.readFully(rest);
        ByteBuf reply = Unpooled.wrappedBuffer(rest).order(ByteOrder.LITTLE_ENDIAN);
        reply.skipBytes(4 + 1); // flag bits, section kind
        return BsonDecoder.decodeBson(reply);
    }

}
