package io.metalstack.peering.server.store;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The values of recently read documents, by the documents' text: decoding one (JSON, then its prefixes and ids parsed)
 * cost more CPU than the rest of a peering create's reads together, and an admission reads the same networks and
 * peerings again and again. Sound because a document's value is a function of its text alone and the values are
 * immutable; an entity that changes has another text, so nothing is ever invalidated, only forgotten.
 *
 * <p>Bounded by two generations of at most {@code capacity} entries each: when the current one is full it becomes the
 * previous one (the one before is dropped), and a hit in the previous one is carried into the current one. So what is
 * read often stays, and the memo never holds more than {@code 2 × capacity} documents.
 */
final class DecodedDocuments<T> {

    private final int capacity;
    private volatile Map<String, T> current = new ConcurrentHashMap<>();
    private volatile Map<String, T> previous = Map.of();

    DecodedDocuments(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity + " is below 1");
        }
        this.capacity = capacity;
    }

    /** The value of {@code document}, decoded by {@code decode} unless it was recently; a failure is not kept. */
    T get(String document, Function<String, T> decode) {
        Map<String, T> now = current;
        T value = now.get(document);
        if (value != null) {
            return value;
        }
        value = previous.get(document);
        if (value == null) {
            value = decode.apply(document);
        }
        if (now.size() >= capacity) {
            rotate(now);
        }
        current.put(document, value);
        return value;
    }

    /** Starts a new generation, once, when the one a reader found full is still the current one. */
    private synchronized void rotate(Map<String, T> full) {
        if (current == full) {
            previous = full;
            current = new ConcurrentHashMap<>();
        }
    }

    /** How many documents are held, for tests: at most twice the capacity. */
    int size() {
        return current.size() + previous.size();
    }
}
