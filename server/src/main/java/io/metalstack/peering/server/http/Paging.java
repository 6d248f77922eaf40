package io.metalstack.peering.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.server.service.Page;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The one implementation of paging for {@code GET /v1/<res>} and {@code POST /v1/<res>/find}: query parameters
 * {@code limit} (1..{@value #MAX_LIMIT}; absent: all items, as metal-api answers) and {@code continue} (the
 * {@value #CONTINUE_HEADER} header of the previous page). The body stays the JSON array it always was, so clients
 * that know nothing of pages keep working; the header is present only when more items follow.
 *
 * <p>A continue token is the id the previous page ended at, with a check over it and the request it came from
 * (the route and the find body). It grants nothing (every page decides visibility anew), so the check carries no
 * secret and holds across replicas and restarts; it catches an altered token and one sent with another list or find.
 */
final class Paging {

    static final String CONTINUE_HEADER = "X-Continue";
    static final int MAX_LIMIT = 1000;

    private static final String VERSION = "1";
    private static final int SHOWN = 200;

    private Paging() {}

    /** A page as a handler answers it: the items are the body, {@code next} the {@value #CONTINUE_HEADER} header. */
    record Paged(List<?> items, Optional<String> next) {
        Paged {
            items = List.copyOf(items);
        }
    }

    /** {@code GET <base>}: a page of the items the caller sees, {@code source} reads it for a request and a match. */
    static <D, W> Paged list(Call c, String base, Function<D, W> wire, BiFunction<Page.Request, Predicate<D>, Page<D>> source) {
        return answer(source.apply(request(c, base), d -> true), base, wire);
    }

    /** {@code POST <base>/find}: a page of the items the caller sees that match the find request (see {@link Find}). */
    static <D, W extends Record> Paged find(Call c, ObjectMapper json, String base, Class<W> type, Map<String, BiPredicate<W, JsonNode>> extra,
                                            Function<D, W> wire, BiFunction<Page.Request, Predicate<D>, Page<D>> source) {
        JsonNode body = c.bodyTree();
        Predicate<W> matches = Find.matcher(json, type, body, extra);
        String scope = base + "/find " + body;
        return answer(source.apply(request(c, scope), d -> matches.test(wire.apply(d))), scope, wire);
    }

    /**
     * A page a service reads with its own filter (in the database, not matched here, e.g. the audit timeline);
     * {@code scope} names the request (route and filter), so that a continue token serves only it.
     */
    static <D, W> Paged filtered(Call c, String scope, Function<D, W> wire, Function<Page.Request, Page<D>> source) {
        return answer(source.apply(request(c, scope)), scope, wire);
    }

    private static <D, W> Paged answer(Page<D> page, String scope, Function<D, W> wire) {
        return new Paged(page.items().stream().map(wire).toList(), page.next().map(after -> token(scope, after)));
    }

    /** The page a request asks for; 400 naming the value for a limit out of range or a continue token not issued for it. */
    static Page.Request request(Call c, String scope) {
        String limit = c.query("limit");
        String token = c.query("continue");
        return new Page.Request(token == null ? Optional.empty() : Optional.of(after(token, scope)),
                limit == null ? OptionalInt.empty() : OptionalInt.of(limit(limit)));
    }

    private static int limit(String text) {
        int n;
        try {
            n = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            n = 0;
        }
        if (n < 1 || n > MAX_LIMIT) {
            throw DomainException.invalid("limit \"%s\" is not allowed: send a whole number from 1 to %d, or no limit for all items",
                    shown(text), MAX_LIMIT);
        }
        return n;
    }

    static String token(String scope, String after) {
        String text = VERSION + "." + check(scope, after) + "." + after;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String after(String token, String scope) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            text = "";
        }
        String[] parts = text.split("\\.", 3);
        if (parts.length != 3 || !parts[0].equals(VERSION) || parts[2].isEmpty() || !parts[1].equals(check(scope, parts[2]))) {
            throw DomainException.invalid("continue \"%s\" is not a token of this list: send the %s header of the previous page of the same"
                    + " request (same route and find body) unchanged, or no continue to start at the first item", shown(token), CONTINUE_HEADER);
        }
        return parts[2];
    }

    private static String check(String scope, String after) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((scope + "\n" + after).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** A sent value in a message, cut to its first characters. */
    static String shown(String value) {
        return value.length() <= SHOWN ? value : value.substring(0, SHOWN) + "...";
    }
}
