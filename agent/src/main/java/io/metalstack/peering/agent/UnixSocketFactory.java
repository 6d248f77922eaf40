package io.metalstack.peering.agent;

import redis.clients.jedis.JedisSocketFactory;
import redis.clients.jedis.exceptions.JedisConnectionException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

import static java.util.Objects.requireNonNull;

/**
 * Jedis over a unix domain socket (SONiC's {@code /var/run/redis/redis.sock}) with the JDK's own socket channel: Jedis
 * wants a {@link Socket}, which the JDK has only for TCP, and the usual alternative is a native library. The channel is
 * wrapped in a {@link Socket} that serves exactly what Jedis uses of one: its streams, its read timeout and its state.
 */
final class UnixSocketFactory implements JedisSocketFactory {
    private final Path path;
    private final int timeoutMillis;

    /** @param timeoutMillis how long a read or write may wait for redis; 0 waits forever */
    UnixSocketFactory(Path path, int timeoutMillis) {
        this.path = requireNonNull(path, "path is null");
        if (timeoutMillis < 0) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeoutMillis);
        }
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public Socket createSocket() throws JedisConnectionException {
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(path));
            channel.configureBlocking(false);
            ChannelSocket socket = new ChannelSocket(channel, Selector.open(), path);
            socket.setSoTimeout(timeoutMillis);
            return socket;
        } catch (IOException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw new JedisConnectionException("cannot connect to unix socket " + path + ": " + e, e);
        }
    }

    /** A connected unix socket channel in non-blocking mode; reads and writes wait on a selector, at most the timeout. */
    private static final class ChannelSocket extends Socket {
        private final SocketChannel channel;
        private final Selector selector;
        private final SelectionKey key;
        private final Path path;
        private volatile int timeoutMillis;

        ChannelSocket(SocketChannel channel, Selector selector, Path path) throws IOException {
            this.channel = channel;
            this.selector = selector;
            this.key = channel.register(selector, 0);
            this.path = path;
        }

        /** Waits until the channel is ready for {@code op}; throws {@link SocketTimeoutException} after the timeout. */
        private void await(int op, String what) throws IOException {
            int timeout = timeoutMillis;
            long deadline = System.nanoTime() + timeout * 1_000_000L;
            key.interestOps(op);
            while (true) {
                long left = timeout == 0 ? 0 : (deadline - System.nanoTime()) / 1_000_000L;
                if (timeout != 0 && left <= 0) {
                    throw new SocketTimeoutException(what + " on " + path + " timed out after " + timeout + " ms");
                }
                int ready = selector.select(left);
                selector.selectedKeys().clear();
                if (ready > 0) {
                    return;
                }
            }
        }

        private final InputStream in = new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
                while (true) {
                    int n = channel.read(buffer);
                    if (n != 0) {
                        return n;
                    }
                    await(SelectionKey.OP_READ, "read");
                }
            }

            @Override
            public void close() throws IOException {
                ChannelSocket.this.close();
            }
        };

        private final OutputStream out = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
                while (buffer.hasRemaining()) {
                    if (channel.write(buffer) == 0) {
                        await(SelectionKey.OP_WRITE, "write");
                    }
                }
            }

            @Override
            public void close() throws IOException {
                ChannelSocket.this.close();
            }
        };

        @Override
        public InputStream getInputStream() {
            return in;
        }

        @Override
        public OutputStream getOutputStream() {
            return out;
        }

        @Override
        public void setSoTimeout(int timeout) {
            if (timeout < 0) {
                throw new IllegalArgumentException("timeout must not be negative: " + timeout);
            }
            this.timeoutMillis = timeout;
        }

        @Override
        public int getSoTimeout() {
            return timeoutMillis;
        }

        @Override
        public boolean isConnected() {
            return channel.isConnected();
        }

        @Override
        public boolean isBound() {
            return true;
        }

        @Override
        public boolean isClosed() {
            return !channel.isOpen();
        }

        @Override
        public boolean isInputShutdown() {
            return !channel.isOpen();
        }

        @Override
        public boolean isOutputShutdown() {
            return !channel.isOpen();
        }

        @Override
        public SocketAddress getRemoteSocketAddress() {
            return UnixDomainSocketAddress.of(path);
        }

        @Override
        public SocketAddress getLocalSocketAddress() {
            return null;
        }

        @Override
        public synchronized void close() throws IOException {
            try {
                selector.close();
            } finally {
                channel.close();
            }
        }

        @Override
        public String toString() {
            return "unix socket " + path;
        }
    }
}
