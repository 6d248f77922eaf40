package io.metalstack.peering.api;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** One page of a list or find: its items, and the continue token of the next page (empty on the last). */
public record ApiPage<T>(List<T> items, Optional<String> next) {
    public ApiPage {
        items = List.copyOf(items);
        requireNonNull(next, "next is null");
    }
}
