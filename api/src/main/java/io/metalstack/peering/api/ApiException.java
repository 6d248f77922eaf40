package io.metalstack.peering.api;

/** The server answered with an error ({@link ApiError}): 4xx or 5xx. */
public final class ApiException extends RuntimeException {

    private final int statuscode;

    public ApiException(int statuscode, String message) {
        super(message);
        this.statuscode = statuscode;
    }

    public int statuscode() {
        return statuscode;
    }
}
