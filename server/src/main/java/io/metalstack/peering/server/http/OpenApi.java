package io.metalstack.peering.server.http;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The OpenAPI 3 document, derived from the route table and the wire records, so it covers every route by construction. */
public final class OpenApi {

    private static final Pattern PARAM = Pattern.compile("\\{([a-z]+)}");

    private OpenApi() {}

    static Map<String, Object> document(List<Route> routes) {
        Map<String, Object> schemas = new TreeMap<>();
        Map<String, Object> paths = new TreeMap<>();
        schema(io.metalstack.peering.api.ApiError.class, schemas);
        for (Route r : routes) {
            Map<String, Object> op = new LinkedHashMap<>();
            op.put("summary", r.summary());
            op.put("operationId", r.method().name().toLowerCase(Locale.ROOT) + r.path().replaceAll("[^A-Za-z0-9]+", "_"));
            List<Map<String, Object>> params = new java.util.ArrayList<>();
            Matcher m = PARAM.matcher(r.path());
            while (m.find()) {
                params.add(Map.of("name", m.group(1), "in", "path", "required", true, "schema", Map.of("type", "string")));
            }
            if (r.list()) {
                // every list and find pages (Paging)
                params.add(Map.of("name", "limit", "in", "query", "required", false, "description",
                        "at most this many items (1.." + Paging.MAX_LIMIT + "); absent: all", "schema",
                        Map.of("type", "integer", "minimum", 1, "maximum", Paging.MAX_LIMIT)));
                params.add(Map.of("name", "continue", "in", "query", "required", false, "description",
                        "the " + Paging.CONTINUE_HEADER + " header of the previous page of the same request", "schema", Map.of("type", "string")));
            }
            if (r.dryRun() != null) {
                params.add(Map.of("name", "dryrun", "in", "query", "required", false, "description",
                        "true: run the write and roll it back; answers 200 with " + r.dryRun().getSimpleName()
                                + " (refusals as the real write); absent or false: the real write",
                        "schema", Map.of("type", "boolean")));
            }
            if (!params.isEmpty()) {
                op.put("parameters", params);
            }
            if (r.request() != null) {
                op.put("requestBody", Map.of("required", true, "content", Map.of("application/json", Map.of("schema", schema(r.request(), schemas)))));
            }
            Map<String, Object> ok = new LinkedHashMap<>();
            ok.put("description", "success");
            if (r.response() != null) {
                Object s = schema(r.response(), schemas);
                ok.put("content", Map.of("application/json", Map.of("schema", r.list() ? Map.of("type", "array", "items", s) : s)));
            }
            if (r.list()) {
                ok.put("headers", Map.of(Paging.CONTINUE_HEADER, Map.of("description",
                        "present when more items follow: send it as continue for the next page", "schema", Map.of("type", "string"))));
            }
            Map<String, Object> responses = new LinkedHashMap<>();
            responses.put(Integer.toString(r.status()), ok);
            if (r.dryRun() != null) {
                Object dry = schema(r.dryRun(), schemas);
                if (r.status() == 200) {
                    // the real write answers 200 too: one of the two bodies, told apart by the query
                    ok.put("description", "success; with dryrun=true the " + r.dryRun().getSimpleName());
                    ok.put("content", Map.of("application/json", Map.of("schema", Map.of("oneOf", List.of(ok.containsKey("content")
                            ? schema(r.response(), schemas) : Map.of("type", "object"), dry)))));
                } else {
                    responses.put("200", Map.of("description", "dryrun=true: admitted, nothing committed",
                            "content", Map.of("application/json", Map.of("schema", dry))));
                }
            }
            responses.put("default", Map.of("description", "error {statuscode, message}",
                    "content", Map.of("application/json", Map.of("schema", Map.of("$ref", "#/components/schemas/ApiError")))));
            op.put("responses", responses);
            op.put("security", r.authenticated() ? List.of(Map.of("bearer", List.of())) : List.of());
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(r.path(), k -> new TreeMap<>());
            item.put(r.method().name().toLowerCase(Locale.ROOT), op);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.0.3");
        doc.put("info", Map.of("title", "metal-api (metal-peering)", "version", "v1"));
        doc.put("paths", paths);
        doc.put("components", Map.of("schemas", schemas,
                "securitySchemes", Map.of("bearer", Map.of("type", "http", "scheme", "bearer"))));
        return doc;
    }

    private static Object schema(Type type, Map<String, Object> schemas) {
        if (type instanceof ParameterizedType p) {
            Type raw = p.getRawType();
            if (raw == List.class) {
                return Map.of("type", "array", "items", schema(p.getActualTypeArguments()[0], schemas));
            }
            if (raw == Map.class) {
                return Map.of("type", "object", "additionalProperties", schema(p.getActualTypeArguments()[1], schemas));
            }
        }
        if (type == String.class) {
            return Map.of("type", "string");
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return Map.of("type", "integer", "format", type == Integer.class || type == int.class ? "int32" : "int64");
        }
        if (type == Boolean.class || type == boolean.class) {
            return Map.of("type", "boolean");
        }
        if (type == Instant.class) {
            return Map.of("type", "string", "format", "date-time");
        }
        if (type instanceof Class<?> c && c.isRecord()) {
            String name = c.getName().substring(c.getPackageName().length() + 1).replace('$', '.');
            if (!schemas.containsKey(name)) {
                Map<String, Object> props = new LinkedHashMap<>();
                schemas.put(name, Map.of("type", "object", "properties", props));
                for (RecordComponent rc : c.getRecordComponents()) {
                    props.put(rc.getName(), schema(rc.getGenericType(), schemas));
                }
            }
            return Map.of("$ref", "#/components/schemas/" + name);
        }
        return Map.of("type", "object");
    }
}
