package io.metalstack.peering.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Java client of metal-api (java.net.http). Every 4xx/5xx answer becomes an {@link ApiException} carrying the
 * server's {@code statuscode} and {@code message}; a server that cannot be reached becomes an
 * {@link ApiUnreachableException}. Thread-safe.
 */
public final class MetalApiClient {

    /** How much longer than a long-poll's timeout the client waits for its answer. */
    public static final Duration LONG_POLL_MARGIN = Duration.ofSeconds(15);

    /** Header in which the server reports the global revision after each request. */
    public static final String REVISION_HEADER = "X-Metal-Revision";
    /** The response header of a page that more items follow: send it as {@code continue} to get the next page. */
    public static final String CONTINUE_HEADER = "X-Continue";
    /** The page size {@code list()} and {@code find()} follow pages with: the server's largest. */
    public static final int PAGE_SIZE = 1000;
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final URI base;
    private final String token;
    private final HttpClient http;
    private final ObjectMapper json = Json.mapper();

    private final Resource<V1Partition> partitions = new Resource<>("/v1/partition", V1Partition.class);
    private final Resource<V1Project> projects = new Resource<>("/v1/project", V1Project.class);
    private final Resource<V1Network> networks = new Resource<>("/v1/network", V1Network.class);
    private final Resource<V1Switch> switches = new Resource<>("/v1/switch", V1Switch.class);
    private final Resource<V1Machine> machines = new Resource<>("/v1/machine", V1Machine.class);
    private final Resource<V1Peering> peerings = new Resource<>("/v1/network/peering", V1Peering.class);
    private final Resource<V1Event> events = new Resource<>("/v1/event", V1Event.class);

    /** @param base e.g. {@code http://localhost:8080} (no trailing {@code /v1}); @param token bearer token, may be null */
    public MetalApiClient(URI base, String token) {
        Objects.requireNonNull(base, "base is null");
        String b = base.toString();
        this.base = URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
        this.token = token;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    public URI base() {
        return base;
    }

    public Resource<V1Partition> partitions() {
        return partitions;
    }

    public Resource<V1Project> projects() {
        return projects;
    }

    /** Networks: admin creates super/underlay/external networks with {@code create}; tenants use {@link #allocateNetwork}. */
    public Resource<V1Network> networks() {
        return networks;
    }

    /** Switches: {@code create} registers a switch. */
    public Resource<V1Switch> switches() {
        return switches;
    }

    /** Machines: {@code create} registers a machine with its connections. */
    public Resource<V1Machine> machines() {
        return machines;
    }

    public Resource<V1Peering> peerings() {
        return peerings;
    }

    /** {@code POST /v1/network/allocate}. */
    public V1Network allocateNetwork(V1NetworkAllocateRequest request) {
        return send("POST", "/v1/network/allocate", request, type(V1Network.class));
    }

    /** {@code DELETE /v1/network/free/{id}}. */
    public V1Network freeNetwork(String id) {
        return send("DELETE", "/v1/network/free/" + enc(id), null, type(V1Network.class));
    }

    /** {@code POST /v1/network/find}. */
    public List<V1Network> findNetworks(V1NetworkFindRequest request) {
        return networks.find(request);
    }

    /** {@code POST /v1/network/peering/find}. */
    public List<V1Peering> findPeerings(V1PeeringFindRequest request) {
        return peerings.find(request);
    }

    /** {@code POST /v1/network/peering/{id}/approve}: by the shared network's project (owner or editor) or an admin. */
    /** The audit timeline: {@code events().find(V1EventFindRequest)} and {@code findPage} (oldest first). */
    public Resource<V1Event> events() {
        return events;
    }

    /** {@code GET /v1/network/peering/{id}/events}: the peering's audit timeline, oldest first; follows the pages. */
    public List<V1Event> peeringEvents(String id) {
        return new Resource<>("/v1/network/peering/" + enc(id) + "/events", V1Event.class).list();
    }

    /** One page of {@link #peeringEvents}. */
    public ApiPage<V1Event> peeringEventsPage(String id, int limit, String continueToken) {
        return new Resource<>("/v1/network/peering/" + enc(id) + "/events", V1Event.class).page(limit, continueToken);
    }

    public V1Peering approvePeering(String id) {
        return send("POST", "/v1/network/peering/" + enc(id) + "/approve", null, type(V1Peering.class));
    }

    /** {@code POST /v1/network/peering/{id}/reject}: by the shared network's project (owner or editor) or an admin. */
    public V1Peering rejectPeering(String id) {
        return send("POST", "/v1/network/peering/" + enc(id) + "/reject", null, type(V1Peering.class));
    }

    /** {@code PUT /v1/network/peering?dryrun=true}: what the create would do, committing nothing. */
    public V1PeeringDryRun dryRunCreatePeering(V1Peering peering) {
        return send("PUT", "/v1/network/peering?dryrun=true", Objects.requireNonNull(peering, "peering is null"), type(V1PeeringDryRun.class));
    }

    /** {@code POST /v1/network/peering?dryrun=true}: what the update would do, committing nothing. */
    public V1PeeringDryRun dryRunUpdatePeering(V1Peering peering) {
        return send("POST", "/v1/network/peering?dryrun=true", Objects.requireNonNull(peering, "peering is null"), type(V1PeeringDryRun.class));
    }

    /** {@code DELETE /v1/network/peering/{id}?dryrun=true}: what the delete would do, committing nothing. */
    public V1PeeringDryRun dryRunDeletePeering(String id) {
        return send("DELETE", "/v1/network/peering/" + enc(id) + "?dryrun=true", null, type(V1PeeringDryRun.class));
    }

    /** {@code POST /v1/machine/{id}/allocate}. */
    public V1Machine allocateMachine(String id, V1MachineAllocation allocation) {
        return send("POST", "/v1/machine/" + enc(id) + "/allocate", allocation, type(V1Machine.class));
    }

    /** {@code POST /v1/machine/{id}/free}. */
    public V1Machine freeMachine(String id) {
        return send("POST", "/v1/machine/" + enc(id) + "/free", null, type(V1Machine.class));
    }

    /** {@code PUT /v1/token} (admin only). */
    public V1Token createToken(V1TokenCreateRequest request) {
        return send("PUT", "/v1/token", request, type(V1Token.class));
    }

    /** {@code GET /v1/token} (admin only): the issued tokens, without their secrets. */
    public List<V1Token> tokens() {
        return send("GET", "/v1/token", null, json.getTypeFactory().constructCollectionType(List.class, V1Token.class));
    }

    /** {@code DELETE /v1/token/{id}} (admin only): revokes the token at once. */
    public V1Token revokeToken(String id) {
        return send("DELETE", "/v1/token/" + enc(id), null, type(V1Token.class));
    }

    /**
     * {@code GET /v1/switch/{id}/intent?after=..&timeout=..} (infra, admin): answers at once when the switch's intent
     * changed after revision {@code after} (or {@code after} is null), else long-polls up to {@code timeout}
     * (server default 30 s, at most 120 s) and answers with the unchanged revision. The request's own timeout is
     * the long-poll's plus {@link #LONG_POLL_MARGIN}.
     */
    public V1SwitchIntentResponse switchIntent(String switchId, Long after, Duration timeout) {
        StringBuilder q = new StringBuilder();
        if (after != null) {
            q.append("after=").append(after);
        }
        if (timeout != null) {
            q.append(q.length() == 0 ? "" : "&").append("timeout=").append(Math.max(0, timeout.toSeconds()));
        }
        Duration wait = (timeout == null ? Duration.ofSeconds(30) : timeout).plus(LONG_POLL_MARGIN);
        return send("GET", "/v1/switch/" + enc(switchId) + "/intent" + (q.length() == 0 ? "" : "?" + q), null,
                type(V1SwitchIntentResponse.class), wait);
    }

    /** {@code GET /v1/switch/{id}/intent?render=sonic|cumulus}: the rendered files, a preview for humans. */
    public V1SwitchIntentResponse renderSwitch(String switchId, String dialect) {
        return send("GET", "/v1/switch/" + enc(switchId) + "/intent?render=" + enc(dialect), null, type(V1SwitchIntentResponse.class));
    }

    /** {@code POST /v1/switch/{id}/notify} (infra, admin): the agent's report; answers the switch with its new status. */
    public V1Switch notifySwitch(String switchId, V1SwitchNotifyRequest report) {
        return send("POST", "/v1/switch/" + enc(switchId) + "/notify", Objects.requireNonNull(report, "report is null"),
                type(V1Switch.class));
    }

    /** {@code GET /healthz}. */
    public V1Health health() {
        return send("GET", "/healthz", null, type(V1Health.class));
    }

    /**
     * The metal-api v1 verbs of one resource: {@code PUT} create, {@code POST} update (full entity with its
     * {@code changed}), {@code GET} one and all, {@code POST find}, {@code DELETE}.
     */
    public final class Resource<T> {
        private final String path;
        private final JavaType one;
        private final JavaType many;

        private Resource(String path, Class<T> type) {
            this.path = path;
            this.one = json.getTypeFactory().constructType(type);
            this.many = json.getTypeFactory().constructCollectionType(List.class, type);
        }

        public T create(T entity) {
            return send("PUT", path, entity, one);
        }

        public T update(T entity) {
            return send("POST", path, entity, one);
        }

        public T get(String id) {
            return send("GET", path + "/" + enc(id), null, one);
        }

        /** All items the caller sees: follows the pages ({@code PAGE_SIZE} items each) to the last one. */
        public List<T> list() {
            return all(token -> page(PAGE_SIZE, token));
        }

        /**
         * {@code GET <path>?limit=&continue=}: one page of at most {@code limit} items (1..1000), after the page whose
         * {@link ApiPage#next()} is {@code continueToken} (null: from the first).
         */
        public ApiPage<T> page(int limit, String continueToken) {
            return paged("GET", path, null, limit, continueToken);
        }

        /** {@code POST <path>/find} with a find request (or any object whose non-null fields must match); follows the pages. */
        public List<T> find(Object request) {
            return all(token -> findPage(request, PAGE_SIZE, token));
        }

        /** One page of {@link #find}; the continue token belongs to this request: send the same one with it. */
        public ApiPage<T> findPage(Object request, int limit, String continueToken) {
            return paged("POST", path + "/find", request, limit, continueToken);
        }

        private ApiPage<T> paged(String method, String at, Object body, int limit, String continueToken) {
            String query = "?limit=" + limit + (continueToken == null ? "" : "&continue=" + enc(continueToken));
            HttpResponse<byte[]> response = exchange(method, at + query, body, DEFAULT_TIMEOUT);
            List<T> items = decode(method, at, response, many);
            return new ApiPage<>(items, response.headers().firstValue(CONTINUE_HEADER));
        }

        private List<T> all(Function<String, ApiPage<T>> fetch) {
            List<T> out = new ArrayList<>();
            String token = null;
            do {
                ApiPage<T> p = fetch.apply(token);
                out.addAll(p.items());
                token = p.next().orElse(null);
            } while (token != null);
            return List.copyOf(out);
        }

        public T delete(String id) {
            return send("DELETE", path + "/" + enc(id), null, one);
        }
    }

    private JavaType type(Class<?> c) {
        return json.getTypeFactory().constructType(c);
    }

    private static String enc(String id) {
        return URLEncoder.encode(Objects.requireNonNull(id, "id is null"), StandardCharsets.UTF_8).replace("+", "%20");
    }

    private <R> R send(String method, String path, Object body, JavaType responseType) {
        return send(method, path, body, responseType, DEFAULT_TIMEOUT);
    }

    private <R> R send(String method, String path, Object body, JavaType responseType, Duration timeout) {
        return decode(method, path, exchange(method, path, body, timeout), responseType);
    }

    private HttpResponse<byte[]> exchange(String method, String path, Object body, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(timeout)
                .header("Accept", "application/json");
        if (token != null && !token.isBlank()) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            if (body != null) {
                b.header("Content-Type", "application/json");
                b.method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
            } else {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode request body: " + e.getOriginalMessage(), e);
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new ApiUnreachableException("metal-api at " + base + " is unreachable: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiUnreachableException("interrupted while calling metal-api at " + base, e);
        }
        if (response.statusCode() >= 400) {
            throw error(response.statusCode(), response.body());
        }
        return response;
    }

    private <R> R decode(String method, String path, HttpResponse<byte[]> response, JavaType responseType) {
        int status = response.statusCode();
        try {
            return json.readValue(response.body(), responseType);
        } catch (IOException e) {
            throw new ApiException(status, "metal-api answered " + method + " " + path + " with an unreadable body: " + e.getMessage());
        }
    }

    private ApiException error(int status, byte[] body) {
        try {
            ApiError e = json.readValue(body, ApiError.class);
            if (e.message() != null) {
                return new ApiException(e.statuscode() == 0 ? status : e.statuscode(), e.message());
            }
        } catch (IOException ignored) {
            // not an ApiError (e.g. a proxy's HTML page): fall through and report the raw body
        }
        String text = new String(body, StandardCharsets.UTF_8).strip();
        return new ApiException(status, text.isEmpty() ? "HTTP " + status : text);
    }
}
