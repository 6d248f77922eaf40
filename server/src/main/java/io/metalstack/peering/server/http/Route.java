package io.metalstack.peering.server.http;

import io.javalin.http.HandlerType;

import static java.util.Objects.requireNonNull;

/**
 * One endpoint: what the OpenAPI document says about it and how it is served. {@code authenticated} is false only
 * for the health check and the OpenAPI document; every other route authenticates before its handler runs and
 * the handler makes the authorization decision.
 */
public record Route(HandlerType method, String path, boolean authenticated, int status, String summary,
             Class<?> request, Class<?> response, boolean list, Action action) {

    public Route {
        requireNonNull(method, "method is null");
        requireNonNull(path, "path is null");
        requireNonNull(summary, "summary is null");
        requireNonNull(action, "action is null");
    }

    /** A body answered with another status than the route's (a dry run answers 200 where the write answers 201). */
    record Answered(int status, Object body) {}

    /** The handler: returns the response body (a wire record or a list of them), or an {@link Answered}. */
    @FunctionalInterface
    interface Action {
        Object handle(Call call);
    }
}
