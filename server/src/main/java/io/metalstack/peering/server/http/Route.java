package io.metalstack.peering.server.http;

import io.javalin.http.HandlerType;

import static java.util.Objects.requireNonNull;

/**
 * One endpoint: what the OpenAPI document says about it and how it is served. {@code authenticated} is false only
 * for the health check and the OpenAPI document; every other route authenticates before its handler runs and
 * the handler makes the authorization decision. {@code dryRun}: the body answered with {@code ?dryrun=true} (200),
 * null when the route has no dry run.
 */
public record Route(HandlerType method, String path, boolean authenticated, int status, String summary,
             Class<?> request, Class<?> response, boolean list, Class<?> dryRun, Action action) {

    public Route {
        requireNonNull(method, "method is null");
        requireNonNull(path, "path is null");
        requireNonNull(summary, "summary is null");
        requireNonNull(action, "action is null");
    }

    /** A route for {@code GET path}: see {@link Builder}. */
    static Builder get(String path, String summary) {
        return new Builder(HandlerType.GET, path, summary);
    }

    /** A route for {@code PUT path}: see {@link Builder}. */
    static Builder put(String path, String summary) {
        return new Builder(HandlerType.PUT, path, summary);
    }

    /** A route for {@code POST path}: see {@link Builder}. */
    static Builder post(String path, String summary) {
        return new Builder(HandlerType.POST, path, summary);
    }

    /** A route for {@code DELETE path}: see {@link Builder}. */
    static Builder delete(String path, String summary) {
        return new Builder(HandlerType.DELETE, path, summary);
    }

    /**
     * A route set by name: it authenticates, answers 200 and has neither a request nor a response body until the
     * setters say otherwise; {@link #to} gives it its handler.
     */
    static final class Builder {
        private final HandlerType method;
        private final String path;
        private final String summary;
        private boolean authenticated = true;
        private int status = 200;
        private Class<?> request;
        private Class<?> response;
        private boolean list;
        private Class<?> dryRun;

        private Builder(HandlerType method, String path, String summary) {
            this.method = method;
            this.path = path;
            this.summary = summary;
        }

        /** Served without a token (the health check and the OpenAPI document only). */
        Builder open() {
            authenticated = false;
            return this;
        }

        /** Answers 201: it created something. */
        Builder created() {
            status = 201;
            return this;
        }

        /** Takes a JSON body of {@code type}. */
        Builder takes(Class<?> type) {
            request = type;
            return this;
        }

        /** Answers a JSON body of {@code type}. */
        Builder answers(Class<?> type) {
            response = type;
            return this;
        }

        /** Answers a JSON array of {@code type}. */
        Builder answersListOf(Class<?> type) {
            response = type;
            list = true;
            return this;
        }

        /** Takes {@code ?dryrun=true}, then commits nothing and answers 200 with a body of {@code type}. */
        Builder dryRunAnswers(Class<?> type) {
            dryRun = type;
            return this;
        }

        Route to(Action action) {
            return new Route(method, path, authenticated, status, summary, request, response, list, dryRun, action);
        }
    }

    /** A body answered with another status than the route's (a dry run answers 200 where the write answers 201). */
    record Answered(int status, Object body) {}

    /** The handler: returns the response body (a wire record or a list of them), or an {@link Answered}. */
    @FunctionalInterface
    interface Action {
        Object handle(Call call);
    }
}
