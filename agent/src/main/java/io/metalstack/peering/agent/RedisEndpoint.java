package io.metalstack.peering.agent;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Where a redis database is: a unix socket or a TCP address, and the database number. Written as redis clients write
 * them: {@code unix:///var/run/redis/redis.sock?db=4} or {@code redis://127.0.0.1:6379/4}.
 */
sealed interface RedisEndpoint permits RedisEndpoint.UnixSocket, RedisEndpoint.Tcp {
    /** SONiC's CONFIG_DB: database 4 of the redis on its unix socket (SONiC's {@code database_config.json}). */
    RedisEndpoint SONIC_CONFIG_DB = new UnixSocket(Path.of("/var/run/redis/redis.sock"), 4);

    int db();

    /** A new connection to the database, {@code timeout} for connecting and for each reply. */
    Jedis connect(Duration timeout);

    static RedisEndpoint parse(String text) {
        requireNonNull(text, "endpoint is null");
        try {
            Matcher unix = Pattern.compile("unix://(/[^?]+)(?:\\?db=(\\d+))?").matcher(text);
            if (unix.matches()) {
                return new UnixSocket(Path.of(unix.group(1)), unix.group(2) == null ? 0 : Integer.parseInt(unix.group(2)));
            }
            URI uri = new URI(text);
            if ("redis".equals(uri.getScheme()) && uri.getHost() != null && uri.getUserInfo() == null && uri.getQuery() == null
                    && uri.getPath() != null && uri.getPath().matches("(/\\d*)?")) {
                String db = uri.getPath().length() > 1 ? uri.getPath().substring(1) : "0";
                return new Tcp(uri.getHost().replaceAll("^\\[|]$", ""), uri.getPort() == -1 ? 6379 : uri.getPort(), Integer.parseInt(db));
            }
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a redis endpoint: '" + text + "': " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("not a redis endpoint: '" + text
                + "'; use unix:///path/to/redis.sock?db=N or redis://host:port/N");
    }

    private static void checkDb(int db) {
        if (db < 0) {
            throw new IllegalArgumentException("redis database number must not be negative: " + db);
        }
    }

    private static JedisClientConfig config(int db, Duration timeout) {
        int millis = Math.toIntExact(requireNonNull(timeout, "timeout is null").toMillis());
        // the server's default protocol (RESP2): no HELLO, which redis before 6 (older SONiC) does not know
        return DefaultJedisClientConfig.builder().serverDefaultProtocol().database(db).connectionTimeoutMillis(millis)
                .socketTimeoutMillis(millis).clientName("metal-core").build();
    }

    record UnixSocket(Path socket, int db) implements RedisEndpoint {
        public UnixSocket {
            requireNonNull(socket, "socket is null");
            if (!socket.isAbsolute()) {
                throw new IllegalArgumentException("redis unix socket path must be absolute: " + socket);
            }
            checkDb(db);
        }

        @Override
        public Jedis connect(Duration timeout) {
            return new Jedis(new UnixSocketFactory(socket, Math.toIntExact(timeout.toMillis())), config(db, timeout));
        }

        @Override
        public String toString() {
            return "unix://" + socket + "?db=" + db;
        }
    }

    record Tcp(String host, int port, int db) implements RedisEndpoint {
        public Tcp {
            requireNonNull(host, "host is null");
            if (host.isBlank()) {
                throw new IllegalArgumentException("redis host is blank");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("redis port out of range 1..65535: " + port);
            }
            checkDb(db);
        }

        @Override
        public Jedis connect(Duration timeout) {
            return new Jedis(new HostAndPort(host, port), config(db, timeout));
        }

        @Override
        public String toString() {
            return "redis://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/" + db;
        }
    }
}
