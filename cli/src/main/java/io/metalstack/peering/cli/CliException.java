package io.metalstack.peering.cli;

import static java.util.Objects.requireNonNull;

/** A failure detected by metalctl itself, carrying the exit code it ends with. */
final class CliException extends RuntimeException {
    private final ExitCode exitCode;

    CliException(ExitCode exitCode, String message) {
        super(requireNonNull(message, "message is null"));
        this.exitCode = requireNonNull(exitCode, "exitCode is null");
    }

    CliException(ExitCode exitCode, String message, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.exitCode = requireNonNull(exitCode, "exitCode is null");
    }

    static CliException usage(String format, Object... args) {
        return new CliException(ExitCode.USAGE, String.format(format, args));
    }

    static CliException refused(String format, Object... args) {
        return new CliException(ExitCode.REFUSED, String.format(format, args));
    }

    ExitCode exitCode() {
        return exitCode;
    }
}
