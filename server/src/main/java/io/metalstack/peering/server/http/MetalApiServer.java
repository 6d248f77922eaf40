package io.metalstack.peering.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.metalstack.peering.api.ApiError;
import io.metalstack.peering.api.Json;
import io.metalstack.peering.api.MetalApiClient;
import io.metalstack.peering.api.V1Health;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.PeeringApproval;
import io.metalstack.peering.model.rules.PeeringRules;
import io.metalstack.peering.server.auth.Principal;
import io.metalstack.peering.server.fabric.ReplicaListener;
import io.metalstack.peering.server.fabric.Watchers;
import io.metalstack.peering.server.fabric.Fabric;
import io.metalstack.peering.server.service.AutoPeering;
import io.metalstack.peering.server.service.Edits;
import io.metalstack.peering.server.service.EventService;
import io.metalstack.peering.server.service.MachineService;
import io.metalstack.peering.server.service.NetworkService;
import io.metalstack.peering.server.service.PartitionService;
import io.metalstack.peering.server.service.PeeringDryRun;
import io.metalstack.peering.server.service.PeeringService;
import io.metalstack.peering.server.service.ProjectService;
import io.metalstack.peering.server.service.Quotas;
import io.metalstack.peering.server.service.SwitchAgentService;
import io.metalstack.peering.server.service.SwitchService;
import io.metalstack.peering.server.service.TokenService;
import io.metalstack.peering.server.store.InternalErrors;
import io.metalstack.peering.server.store.Stores;
import io.metalstack.peering.server.store.Database;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The HTTP edge: the route table, authentication before every non-public handler, and the one place where errors
 * become {@code {"statuscode": N, "message": "..."}}.
 */
public final class MetalApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MetalApiServer.class);
    public static final String OPENAPI_PATH = "/openapi.json";
    private static final String ROUTE = "metal-api.route";
    static final int MAX_THREADS = 200;

    private final Database db;
    private final TokenService tokenService;
    private final TokenResource tokens;
    /** Strict for requests: a fractional number for a whole-number field is refused, not truncated. */
    private final ObjectMapper json = Json.mapper().disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private final List<Route> routes;
    private final Map<String, Object> openApi;
    private final Javalin app;
    private final Fabric fabric;
    private final Metrics metrics = new Metrics();
    private final ReplicaListener replicas;

    public MetalApiServer(Database db, PeeringRules rules, Clock clock) {
        this(db, rules, clock, new Quotas(Quotas.DEFAULT_NETWORKS));
    }

    public MetalApiServer(Database db, PeeringRules rules, Clock clock, Quotas quotas) {
        this(db, rules, clock, quotas, new PeeringApproval(PeeringApproval.DEFAULT_TTL));
    }

    /** {@code approval}: how long a peering awaits a shared network owner's approval before it expires. */
    public MetalApiServer(Database db, PeeringRules rules, Clock clock, Quotas quotas, PeeringApproval approval) {
        this(db, rules, clock, quotas, approval, Edits.DEFAULT_EVENT_RETENTION);
    }

    /** {@code eventRetention}: how long the events of the audit timeline are kept. */
    public MetalApiServer(Database db, PeeringRules rules, Clock clock, Quotas quotas, PeeringApproval approval, java.time.Duration eventRetention) {
        this.db = db;
        Edits edits = new Edits(clock, eventRetention);
        this.tokenService = new TokenService(db, edits);
        this.tokens = new TokenResource(tokenService);
        this.fabric = new Fabric(db);
        SwitchService switches = new SwitchService(db, edits, fabric);
        SwitchAgentResource agents = new SwitchAgentResource(edits, new SwitchAgentService(fabric), switches);
        List<Route> all = new ArrayList<>();
        all.add(Route.get("/healthz", "health and the global revision (public)").open().answers(V1Health.class)
                .to(c -> new V1Health("ok", db.read(Stores::revision))));
        // peering routes first: /v1/network/peering must win over /v1/network/{id}
        PeeringService peerings = new PeeringService(db, edits, rules, fabric, approval);
        all.addAll(new PeeringResource(peerings, new PeeringDryRun(db, peerings, fabric), json).routes());
        all.addAll(new EventResource(new EventService(db), json).routes());
        all.addAll(new PartitionResource(new PartitionService(db, edits), json).routes());
        AutoPeering auto = new AutoPeering(rules, edits);
        all.addAll(new ProjectResource(new ProjectService(db, edits, auto, quotas), json).routes());
        all.addAll(new NetworkResource(new NetworkService(db, edits, rules, auto, quotas), json).routes());
        all.addAll(agents.routes());
        all.addAll(new SwitchResource(switches, json).routes());
        all.addAll(new MachineResource(new MachineService(db, edits), json).routes());
        all.addAll(tokens.routes());
        all.add(Route.get(OPENAPI_PATH, "this OpenAPI document (public)").open().to(c -> openApi()));
        this.routes = List.copyOf(all);
        this.openApi = OpenApi.document(routes);
        this.replicas = db.postgres() ? new ReplicaListener(db, fabric) : null;
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            // intent long-polls hold no thread while they wait (Watchers): the pool is for the API's work
            QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 8, 60_000);
            threads.setName("metal-api");
            config.jetty.threadPool = threads;
            // what Jetty refuses before a route runs answers in the API's error shape too, never an HTML page
            config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorPages.ForServer()));
            config.jetty.modifyServletContextHandler(context -> context.setErrorHandler(new JsonErrorPages.ForContext()));
            config.http.prefer405over404 = true;
            config.router.ignoreTrailingSlashes = true;
            for (Route r : routes) {
                config.routes.addHttpHandler(r.method(), r.path(), ctx -> serve(r, ctx));
            }
            config.routes.get(Metrics.PATH, ctx -> {
                ctx.attribute(ROUTE, Metrics.PATH);
                // it names switches and their state: admin and infra (Prometheus with a bearer token) only
                tokens.authenticate(ctx.header("Authorization")).requireAdminOrInfra("reading metrics");
                ctx.contentType(Metrics.CONTENT_TYPE).result(metrics.render(fabric.state(),
                        db.read(s -> s.switchState().reports()), fabric.watchers(), db.revision()));
            });
            config.routes.after(ctx -> {
                String route = ctx.attribute(ROUTE);
                metrics.request(ctx.method().name(), route == null ? "(unmatched)" : route, ctx.statusCode());
            });
            config.routes.exception(DomainException.class, (e, ctx) -> respondError(ctx, status(e), e.getMessage()));
            config.routes.exception(TokenService.Unauthenticated.class, (e, ctx) -> respondError(ctx, 401, e.getMessage()));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> respondError(ctx, e.getStatus(), switch (e.getStatus()) {
                case 404 -> "no route " + ctx.method() + " " + ctx.path() + ": see " + OPENAPI_PATH + " for the routes";
                case 405 -> "method " + ctx.method() + " is not allowed on " + ctx.path() + ": see " + OPENAPI_PATH;
                default -> e.getMessage();
            }));
            config.routes.exception(Watchers.TooMany.class, (e, ctx) -> respondError(ctx, 429, e.getMessage()));
            config.routes.exception(Exception.class, (e, ctx) -> internalError(ctx, e));
        });
    }

    /** Installs the admin token (replacing an earlier one). */
    public void installAdminToken(String secret) {
        tokenService.installAdmin(secret);
    }

    public MetalApiServer start(String host, int port) {
        app.start(host, port);
        return this;
    }

    public int port() {
        return app.port();
    }

    private Map<String, Object> openApi() {
        return openApi;
    }

    /** The intent long-polls (for tests: how many wait). */
    public Watchers watchers() {
        return fabric.watchers();
    }

    public List<Route> routes() {
        return routes;
    }

    private void serve(Route r, Context ctx) throws JsonProcessingException {
        ctx.attribute(ROUTE, r.path());
        Optional<Principal> principal = r.authenticated()
                ? Optional.of(tokens.authenticate(ctx.header("Authorization")))
                : Optional.empty();
        Object body = r.action().handle(new Call(ctx, principal, json));
        if (body instanceof CompletableFuture<?> later) {
            // a long-poll: the request thread returns now, the answer is written when the future completes
            ctx.future(() -> later.handle((value, failure) -> {
                answer(ctx, r.status(), value, failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure);
                return null;
            }));
            return;
        }
        if (body instanceof Paging.Paged page) {
            page.next().ifPresent(token -> ctx.header(Paging.CONTINUE_HEADER, token));
            body = page.items();
        }
        if (body instanceof Route.Answered answered) {
            respond(ctx, answered.status(), answered.body());
            return;
        }
        respond(ctx, r.status(), body);
    }

    /** The answer of a completed future: its value, or its failure mapped as the exception handlers map them. */
    private void answer(Context ctx, int status, Object value, Throwable failure) {
        try {
            if (failure == null) {
                respond(ctx, status, value);
            } else if (failure instanceof DomainException d) {
                respondError(ctx, status(d), d.getMessage());
            } else {
                internalError(ctx, failure);
            }
        } catch (JsonProcessingException | RuntimeException e) {
            internalError(ctx, e);
        }
    }

    /** A 500: the client learns nothing of the internals; the log has them, without statements, values or secrets. */
    private void internalError(Context ctx, Throwable e) {
        String id = InternalErrors.newId();
        LOG.error("internal error {}: {} {} failed", id, ctx.method(), ctx.path(), InternalErrors.redacted(e));
        respondError(ctx, 500, "internal error " + id + ": the server log has the details under this id");
    }

    private void respond(Context ctx, int status, Object body) throws JsonProcessingException {
        ctx.header(MetalApiClient.REVISION_HEADER, Long.toString(db.revision()));
        ctx.status(status).contentType("application/json").result(json.writeValueAsBytes(body));
    }

    private void respondError(Context ctx, int status, String message) {
        try {
            respond(ctx, status, new ApiError(status, message));
        } catch (JsonProcessingException e) {
            ctx.status(500).result("{\"statuscode\":500,\"message\":\"error body could not be encoded\"}");
        }
    }

    /** The one mapping of the domain's error family to HTTP. */
    static int status(DomainException e) {
        if (e instanceof DomainException.NotFound) {
            return 404;
        } else if (e instanceof DomainException.Conflict) {
            return 409;
        } else if (e instanceof DomainException.Unprocessable) {
            return 422;
        } else if (e instanceof DomainException.Forbidden) {
            return 403;
        }
        return 400;
    }

    @Override
    public void close() {
        app.stop();
        fabric.watchers().close();
        if (replicas != null) {
            replicas.close();
        }
    }
}
