package io.metalstack.peering.cli;

/**
 * The documented exit codes of metalctl, the one place where they are defined. Every failure
 * reaches the user as one line on stderr ({@code Error: <message>}) and one of these codes.
 */
public enum ExitCode {
    /** The command did what was asked. */
    OK(0, "success"),
    /** The API refused the request (HTTP 4xx), or a name given on the command line or in a manifest
     *  matched no object or several objects. The message says which and lists the candidates. */
    REFUSED(1, "the API refused the request, or a name is unknown or ambiguous"),
    /** The command line, a manifest file or the configuration is wrong; nothing was sent. */
    USAGE(2, "usage error: bad flag, argument, manifest or configuration"),
    /** The server could not be reached (connection refused, DNS, timeout). */
    UNREACHABLE(3, "the server could not be reached"),
    /** The server failed (HTTP 5xx) or answered something metalctl cannot read. */
    SERVER_ERROR(4, "the server failed (HTTP 5xx) or sent an unreadable answer"),
    /** A confirmation prompt was declined, or is needed but stdin is not a terminal. */
    ABORTED(5, "a confirmation was declined (or needed without a terminal: pass --yes-i-really-mean-it)"),
    /** {@code --wait}: the change was made, but the switches did not finish applying it within {@code --timeout}. */
    TIMED_OUT(6, "timed out waiting (--wait): the change was made, the switches had not applied it yet"),
    /** {@code --wait}: the change was made, but a switch failed to apply it or the peering is degraded there. */
    NOT_APPLIED(7, "the change was made, but a switch failed to apply it or the peering is degraded (--wait)");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }
}
