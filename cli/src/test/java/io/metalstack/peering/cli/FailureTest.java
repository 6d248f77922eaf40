package io.metalstack.peering.cli;

import io.metalstack.peering.api.ApiException;
import io.metalstack.peering.api.ApiUnreachableException;
import io.metalstack.peering.model.DomainException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class FailureTest {
    @Test
    void exitCodesAreDistinctAndStable() {
        assertThat(Arrays.stream(ExitCode.values()).map(ExitCode::code)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void apiRefusalIsOneAndKeepsTheServersMessage() {
        for (int status : new int[] {400, 403, 404, 409, 422}) {
            assertThat(Failure.of(new ApiException(status, "peering refused: networks belong to different projects")))
                    .isEqualTo(new Failure(ExitCode.REFUSED, "peering refused: networks belong to different projects (HTTP " + status + ")"));
        }
    }

    @Test
    void serverFailureIsFour() {
        assertThat(Failure.of(new ApiException(500, "boom")).exitCode()).isEqualTo(ExitCode.SERVER_ERROR);
        assertThat(Failure.of(new ApiException(503, "down")).exitCode()).isEqualTo(ExitCode.SERVER_ERROR);
        // a 2xx with an unreadable body is reported by the client as an ApiException with that status
        assertThat(Failure.of(new ApiException(200, "unreadable body")).exitCode()).isEqualTo(ExitCode.SERVER_ERROR);
    }

    @Test
    void unreachableIsThreeWithAHint() {
        Failure f = Failure.of(new ApiUnreachableException("metal-api at http://x:1 is unreachable: ConnectException", new ConnectException()));
        assertThat(f.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(f.message()).startsWith("metal-api at http://x:1 is unreachable").contains("--api-url");
    }

    @Test
    void localValidationAndCliErrorsKeepTheirCodes() {
        assertThat(Failure.of(DomainException.invalid("AS number 0 is out of range")))
                .isEqualTo(new Failure(ExitCode.USAGE, "AS number 0 is out of range"));
        assertThat(Failure.of(CliException.refused("network \"x\" not found")))
                .isEqualTo(new Failure(ExitCode.REFUSED, "network \"x\" not found"));
        assertThat(Failure.of(new CliException(ExitCode.ABORTED, "aborted")).exitCode()).isEqualTo(ExitCode.ABORTED);
    }

    @Test
    void anythingElseIsReportedNotSwallowed() {
        Failure f = Failure.of(new IllegalStateException("bug"));
        assertThat(f.exitCode()).isEqualTo(ExitCode.SERVER_ERROR);
        assertThat(f.message()).isEqualTo("unexpected IllegalStateException: bug");
    }
}
