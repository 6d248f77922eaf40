package io.metalstack.peering.server.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BiFunction;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * One page of a list or find, in id order: {@code items}, and {@code next}, the id of the last item when more
 * items the caller sees follow (where the next page starts after), empty on the last page.
 */
public record Page<T>(List<T> items, Optional<String> next) {

    public Page {
        items = List.copyOf(items);
        requireNonNull(next, "next is null");
    }

    /** Where a page starts (after the id {@code after}; empty: at the first) and how many items at most (empty: all). */
    public record Request(Optional<String> after, OptionalInt limit) {
        public static final Request ALL = new Request(Optional.empty(), OptionalInt.empty());

        public Request {
            requireNonNull(after, "after is null");
            requireNonNull(limit, "limit is null");
            if (limit.isPresent() && limit.getAsInt() < 1) {
                throw new IllegalArgumentException("limit " + limit.getAsInt() + " is below 1");
            }
        }
    }

    /** The most rows one query reads while it looks for the visible items of one page. */
    private static final int MAX_CHUNK = 4096;

    /**
     * Collects a page from a store read in id order, {@code fetch(after, n)} reading at most n rows after an id.
     * {@code view} decides per row whether the caller sees it (and matches the find), and what it sees. Visibility
     * is decided per row before the page is cut, so a page holds {@code limit} visible items whenever that many
     * follow: when rows the caller does not see fill a read, the next read goes on after it (twice as large, up to
     * {@link #MAX_CHUNK}). With no limit it is one read of all rows, as a list was before pages.
     */
    static <E, V> Page<V> collect(Request r, BiFunction<Optional<String>, Integer, List<E>> fetch, Function<E, String> id,
                                  Function<E, Optional<V>> view) {
        if (r.limit().isEmpty()) {
            return new Page<>(fetch.apply(r.after(), Integer.MAX_VALUE).stream().map(view).flatMap(Optional::stream).toList(),
                    Optional.empty());
        }
        int limit = r.limit().getAsInt();
        List<V> out = new ArrayList<>();
        Optional<String> after = r.after();
        String lastTaken = null;
        // one more than the page: whether another visible item follows decides if there is a next page
        int chunk = limit + 1;
        while (true) {
            List<E> rows = fetch.apply(after, chunk);
            for (E e : rows) {
                Optional<V> v = view.apply(e);
                if (v.isEmpty()) {
                    continue;
                }
                if (out.size() == limit) {
                    return new Page<>(out, Optional.of(lastTaken));
                }
                out.add(v.get());
                lastTaken = id.apply(e);
            }
            if (rows.size() < chunk) {
                return new Page<>(out, Optional.empty());
            }
            after = Optional.of(id.apply(rows.get(rows.size() - 1)));
            chunk = Math.min(chunk * 2, MAX_CHUNK);
        }
    }
}
