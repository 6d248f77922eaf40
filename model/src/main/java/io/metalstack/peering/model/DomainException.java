package io.metalstack.peering.model;

/**
 * The one error family of the domain. The server maps it in one place to
 * {@code {statuscode, message}}, the CLI to its exit codes. A message says what was wrong,
 * names the offending value, and what to do.
 */
public abstract sealed class DomainException extends RuntimeException
        permits DomainException.NotFound, DomainException.Conflict, DomainException.Invalid,
                DomainException.Unprocessable, DomainException.Forbidden {

    DomainException(String message) {
        super(message);
    }

    /** A referenced object does not exist (or is not visible to the caller): HTTP 404. */
    public static final class NotFound extends DomainException {
        public NotFound(String message) { super(message); }
    }

    /** The request collides with the current state (duplicate, optimistic lock, in use): HTTP 409. */
    public static final class Conflict extends DomainException {
        public Conflict(String message) { super(message); }
    }

    /** The request itself is malformed (bad value, missing field): HTTP 400. */
    public static final class Invalid extends DomainException {
        public Invalid(String message) { super(message); }
    }

    /** The request is well-formed but a domain rule forbids it: HTTP 422. */
    public static final class Unprocessable extends DomainException {
        public Unprocessable(String message) { super(message); }
    }

    /** The caller may see the object but not do this to it: HTTP 403. */
    public static final class Forbidden extends DomainException {
        public Forbidden(String message) { super(message); }
    }

    public static Invalid invalid(String format, Object... args) {
        return new Invalid(String.format(format, args));
    }
}
