package io.metalstack.peering.server.store;

import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a 500 shows and logs. The client gets "internal error" and an id; the log gets the id and the exception chain
 * with its stack traces, but never a statement, a bound value or a secret: a database exception's message (JDBI's
 * carries the statement and its arguments, H2's the statement and the offending value, PostgreSQL's the key values)
 * is replaced by its SQLState, and every other message has passwords and bearer tokens masked.
 */
public final class InternalErrors {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_CAUSES = 16;
    private static final Pattern JSON_SECRET = Pattern.compile("(\"(?:password|secret|token)\"\\s*:\\s*\")(?:[^\"\\\\]|\\\\.)*\"",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern URL_PASSWORD = Pattern.compile("((?:password|token)=)[^&\\s\"']*", Pattern.CASE_INSENSITIVE);
    private static final Pattern BEARER = Pattern.compile("(Bearer\\s+)\\S+", Pattern.CASE_INSENSITIVE);

    private InternalErrors() {}

    /** An id to find one failure in the log: 12 hex digits. */
    public static String newId() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** The message of one throwable, safe for a log or an admin's condition. */
    static String safeMessage(Throwable t) {
        if (t instanceof SQLException sql) {
            return "SQLState " + sql.getSQLState() + ", vendor code " + sql.getErrorCode() + " (message withheld: it may hold statements and values)";
        }
        if (isJdbi(t)) {
            return "(message withheld: it holds the statement and its bound values)";
        }
        String m = t.getMessage();
        if (m == null) {
            return "";
        }
        m = JSON_SECRET.matcher(m).replaceAll(r -> Matcher.quoteReplacement(r.group(1)) + "(redacted)\"");
        m = URL_PASSWORD.matcher(m).replaceAll(r -> Matcher.quoteReplacement(r.group(1)) + "(redacted)");
        return BEARER.matcher(m).replaceAll(r -> Matcher.quoteReplacement(r.group(1)) + "(redacted)");
    }

    /** "Class: safe message" of the outermost throwable. */
    public static String describe(Throwable t) {
        String m = safeMessage(t);
        return t.getClass().getSimpleName() + (m.isEmpty() ? "" : ": " + m);
    }

    /** A copy of the chain with safe messages and the original stack traces, for the log. */
    public static Throwable redacted(Throwable e) {
        return copy(e, 0);
    }

    private static Redacted copy(Throwable t, int depth) {
        Redacted cause = t.getCause() != null && t.getCause() != t && depth < MAX_CAUSES ? copy(t.getCause(), depth + 1) : null;
        String message = safeMessage(t);
        Redacted r = new Redacted(t.getClass().getName() + (message.isEmpty() ? "" : ": " + message), cause);
        r.setStackTrace(t.getStackTrace());
        return r;
    }

    private static boolean isJdbi(Throwable t) {
        for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals("org.jdbi.v3.core.JdbiException")) {
                return true;
            }
        }
        return false;
    }

    /** A logged stand-in for an exception: its class name and safe message, its stack trace. */
    static final class Redacted extends RuntimeException {
        Redacted(String message, Redacted cause) {
            super(message, cause, false, true);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }
}
