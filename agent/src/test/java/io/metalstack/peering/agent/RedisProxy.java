package io.metalstack.peering.agent;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * A TCP proxy in front of a redis server that reads the clients' commands (RESP arrays) one by one and can lose the
 * connection at a chosen command, once: before passing it on ({@link #cutBefore}), or after redis has carried it out
 * but before its reply reaches the client ({@link #cutAfter}). Otherwise it passes everything through.
 */
final class RedisProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int upstreamPort;
    private final AtomicReference<Cut> armed = new AtomicReference<>();
    private final List<Socket> sockets = new ArrayList<>();
    private final AtomicBoolean fired = new AtomicBoolean();
    private final AtomicReference<Hook> hook = new AtomicReference<>();
    private final List<List<String>> seen = new ArrayList<>();

    private record Cut(Predicate<List<String>> command, boolean afterReply) {}

    private record Hook(Predicate<List<String>> command, Runnable action) {}

    /** Replies held back from the client once set; counts the array replies held back (EXEC's is one). */
    private static final class Swallow {
        final AtomicBoolean on = new AtomicBoolean();
        final CountDownLatch arrayReply = new CountDownLatch(1);
    }

    RedisProxy(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, "redis-proxy-accept");
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** The next command matching {@code command} never reaches redis: the connection is lost instead. */
    void cutBefore(Predicate<List<String>> command) {
        fired.set(false);
        armed.set(new Cut(command, false));
    }

    /** The next command matching {@code command} reaches redis, but the connection is lost before its reply. */
    void cutAfter(Predicate<List<String>> command) {
        fired.set(false);
        armed.set(new Cut(command, true));
    }

    /** Runs {@code action} once, when the next command matching {@code command} arrives, before passing it on. */
    void before(Predicate<List<String>> command, Runnable action) {
        hook.set(new Hook(command, action));
    }

    /** Every command passed on (or cut) so far, in order. */
    List<List<String>> seen() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    void forget() {
        synchronized (seen) {
            seen.clear();
        }
    }

    /** True once the armed cut happened. */
    boolean fired() {
        return fired.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                synchronized (sockets) {
                    sockets.add(client);
                    sockets.add(server);
                }
                Swallow swallow = new Swallow();
                start("redis-proxy-up", () -> commands(client, server, swallow));
                start("redis-proxy-down", () -> replies(server, client, swallow));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static void start(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }

    private void commands(Socket client, Socket server, Swallow swallow) {
        try (InputStream in = new BufferedInputStream(client.getInputStream()); OutputStream out = server.getOutputStream()) {
            while (true) {
                ByteArrayOutputStream raw = new ByteArrayOutputStream();
                List<String> command = readCommand(in, raw);
                if (command == null) {
                    return;
                }
                synchronized (seen) {
                    seen.add(List.copyOf(command));
                }
                Hook h = hook.get();
                if (h != null && h.command().test(command) && hook.compareAndSet(h, null)) {
                    h.action().run();
                }
                Cut cut = armed.get();
                if (cut != null && cut.command().test(command) && armed.compareAndSet(cut, null)) {
                    if (cut.afterReply()) {
                        swallow.on.set(true);
                        out.write(raw.toByteArray());
                        out.flush();
                        // redis has carried it out once its reply is here (QUEUED replies are no arrays, EXEC's is)
                        if (!swallow.arrayReply.await(10, TimeUnit.SECONDS)) {
                            throw new IOException("no reply from redis to " + command);
                        }
                    }
                    fired.set(true);
                    client.close();
                    server.close();
                    return;
                }
                out.write(raw.toByteArray());
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            closeQuietly(client);
            closeQuietly(server);
        }
    }

    private static void replies(Socket server, Socket client, Swallow swallow) {
        byte[] buffer = new byte[8192];
        try (InputStream in = server.getInputStream(); OutputStream out = client.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (!swallow.on.get()) {
                    out.write(buffer, 0, n);
                    out.flush();
                } else {
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] == '*') {
                            swallow.arrayReply.countDown();
                        }
                    }
                }
            }
        } catch (IOException e) {
            closeQuietly(client);
        }
    }

    /** One RESP array of bulk strings, also copied raw into {@code raw}; null at end of stream. */
    private static List<String> readCommand(InputStream in, ByteArrayOutputStream raw) throws IOException {
        String header = readLine(in, raw);
        if (header == null) {
            return null;
        }
        if (!header.startsWith("*")) {
            throw new IOException("not a RESP array: " + header);
        }
        int n = Integer.parseInt(header.substring(1));
        List<String> words = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String len = readLine(in, raw);
            if (len == null || !len.startsWith("$")) {
                throw new IOException("not a RESP bulk string: " + len);
            }
            byte[] word = in.readNBytes(Integer.parseInt(len.substring(1)) + 2);
            raw.write(word);
            words.add(new String(word, 0, word.length - 2, StandardCharsets.UTF_8));
        }
        return words;
    }

    private static String readLine(InputStream in, ByteArrayOutputStream raw) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            raw.write(c);
            if (c == '\n') {
                byte[] b = line.toByteArray();
                return new String(b, 0, b.length - 1, StandardCharsets.UTF_8); // without \r
            }
            line.write(c);
        }
        return null;
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already gone
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        synchronized (sockets) {
            sockets.forEach(RedisProxy::closeQuietly);
        }
    }
}
