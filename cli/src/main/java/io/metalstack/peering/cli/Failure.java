package io.metalstack.peering.cli;

import io.metalstack.peering.api.ApiException;
import io.metalstack.peering.api.ApiUnreachableException;
import io.metalstack.peering.model.DomainException;
import picocli.CommandLine;

import static java.util.Objects.requireNonNull;

/** The one mapping from anything a command throws to the message on stderr and the {@link ExitCode}. */
record Failure(ExitCode exitCode, String message) {
    Failure {
        requireNonNull(exitCode, "exitCode is null");
        requireNonNull(message, "message is null");
    }

    static Failure of(Throwable t) {
        if (t instanceof CliException e) {
            return new Failure(e.exitCode(), e.getMessage());
        }
        if (t instanceof CommandLine.ParameterException e) {
            return new Failure(ExitCode.USAGE, e.getMessage());
        }
        if (t instanceof ApiException e) {
            // The server's own message, verbatim; 4xx is a refusal of this request, 5xx a failure of the server.
            ExitCode code = e.statuscode() >= 400 && e.statuscode() < 500 ? ExitCode.REFUSED : ExitCode.SERVER_ERROR;
            return new Failure(code, e.getMessage() + " (HTTP " + e.statuscode() + ")");
        }
        if (t instanceof ApiUnreachableException e) {
            return new Failure(ExitCode.UNREACHABLE, e.getMessage()
                    + "; is metal-api running there? check --api-url, $METALCTL_API_URL or `metalctl context show`");
        }
        if (t instanceof DomainException e) {
            // Thrown by metalctl's own parsing of values (flags, manifests) before anything is sent.
            return new Failure(ExitCode.USAGE, e.getMessage());
        }
        return new Failure(ExitCode.SERVER_ERROR, "unexpected " + t.getClass().getSimpleName() + ": " + t.getMessage());
    }
}
