package io.metalstack.peering.api;

/** The server could not be reached at all (connection refused, DNS, timeout): no answer to map. */
public final class ApiUnreachableException extends RuntimeException {

    public ApiUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
