package io.calamari.server.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** A blocking loopback client of a carbon listener. */
final class CarbonClient implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;

    CarbonClient(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setSoTimeout(20_000);
        out = socket.getOutputStream();
    }

    CarbonClient send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.UTF_8));
    }

    CarbonClient send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Sends one pickle frame: the 4-byte big-endian length, then the body. */
    CarbonClient sendFrame(byte[] body) throws IOException {
        return send(ByteBuffer.allocate(4 + body.length)
                .putInt(body.length)
                .put(body)
                .array());
    }

    /** Whether the server closed the connection (a read sees end of stream) within the socket timeout. */
    boolean closedByServer() throws IOException {
        try {
            return socket.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // connection reset: closed too
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
