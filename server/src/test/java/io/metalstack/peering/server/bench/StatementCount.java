package io.metalstack.peering.server.bench;

import io.metalstack.peering.server.TestPostgres;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts the statements PostgreSQL executes while {@code work} runs, from its own log ({@code log_statement = all},
 * switched on for the whole server and off again): what every connection of the server sent, including the transaction
 * control, the fabric's sync and the watch. Load-independent, unlike a time.
 */
public final class StatementCount {

    private static final Pattern STATEMENT = Pattern.compile("LOG:  (?:statement|execute [^:]*): (.*)");

    private StatementCount() {}

    /** The statements run while {@code work} ran, per statement shape (literals left out), and their total. */
    public record Counted(int total, Map<String, Integer> shapes) {}

    public static Counted during(TestPostgres pg, Runnable work) throws IOException, SQLException, InterruptedException {
        setLogging(pg, "all");
        long from;
        try (RandomAccessFile f = new RandomAccessFile(pg.log().toFile(), "r")) {
            from = f.length();
        }
        try {
            work.run();
        } finally {
            setLogging(pg, "none");
        }
        byte[] bytes;
        try (RandomAccessFile f = new RandomAccessFile(pg.log().toFile(), "r")) {
            bytes = new byte[(int) (f.length() - from)];
            f.seek(from);
            f.readFully(bytes);
        }
        Map<String, Integer> shapes = new TreeMap<>();
        int total = 0;
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            Matcher m = STATEMENT.matcher(line);
            // not counted: switching the log itself, and a connection's setup by the driver (this counter's own connection)
            if (m.find() && !m.group(1).contains("log_statement") && !m.group(1).startsWith("SELECT pg_reload_conf")
                    && !m.group(1).startsWith("SET application_name")) {
                total++;
                shapes.merge(shape(m.group(1)), 1, Integer::sum);
            }
        }
        return new Counted(total, shapes);
    }

    private static String shape(String sql) {
        String s = sql.replaceAll("'[^']*'", "?").replaceAll("\\$\\d+", "?").replaceAll("\\b\\d+\\b", "?");
        return s.length() > 110 ? s.substring(0, 110) + "…" : s;
    }

    private static void setLogging(TestPostgres pg, String level) throws SQLException, InterruptedException {
        try (Connection c = DriverManager.getConnection(pg.adminUrl()); Statement s = c.createStatement()) {
            s.execute("ALTER SYSTEM SET log_statement = '" + level + "'");
            s.execute("SELECT pg_reload_conf()");
        }
        // every backend takes the new setting before its next command; give the postmaster's signal time to arrive
        Thread.sleep(500);
    }
}
