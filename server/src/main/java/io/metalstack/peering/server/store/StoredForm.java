package io.metalstack.peering.server.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * How a value is kept as a JSON document in the database: its storage record {@code S} (a record of this package with
 * a {@code schema} version first, written by this server as {@code schema}), and the one mapping between the value and
 * that record, both ways. The storage records are the database's format, apart from the API's wire records: a change
 * of the wire is no change of what is stored. The JSON configuration is the store's own (ISO timestamps, nulls left
 * out, unknown fields ignored).
 *
 * @param kind   what the document holds, for messages ("peering")
 * @param schema the version this server writes and the newest it reads
 */
record StoredForm<T, S extends StoredForm.Document>(String kind, Class<S> type, int schema, Function<T, S> of, Function<S, T> value,
                                                   java.util.Optional<DecodedDocuments<T>> decoded) {

    /** A storage record: its first field is the schema version of its document. */
    interface Document {
        int schema();
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);

    StoredForm {
        requireNonNull(kind, "kind is null");
        requireNonNull(type, "type is null");
        requireNonNull(of, "of is null");
        requireNonNull(value, "value is null");
        requireNonNull(decoded, "decoded is null");
    }

    /** A form whose documents are decoded at every read. */
    StoredForm(String kind, Class<S> type, int schema, Function<T, S> of, Function<S, T> value) {
        this(kind, type, schema, of, value, Optional.empty());
    }

    /**
     * A form of immutable values whose last {@code memo} to {@code 2 × memo} decoded documents are kept
     * ({@link DecodedDocuments}): for the entities an admission reads many times.
     */
    StoredForm(String kind, Class<S> type, int schema, Function<T, S> of, Function<S, T> value, int memo) {
        this(kind, type, schema, of, value, Optional.of(new DecodedDocuments<>(memo)));
    }

    String write(T value) {
        try {
            return JSON.writeValueAsString(of.apply(value));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value of a document; a document of another schema than 1..{@link #schema} is refused, naming both. */
    T read(String document) {
        return decoded.isPresent() ? decoded.get().get(document, this::decode) : decode(document);
    }

    private T decode(String document) {
        S stored;
        try {
            stored = JSON.readValue(document, type);
        } catch (IOException e) {
            throw new UncheckedIOException("stored " + kind + " document is unreadable: " + e.getMessage(), e);
        }
        if (stored.schema() < 1 || stored.schema() > schema) {
            throw new IllegalStateException(String.format("stored %s document has schema %d: this server reads schema 1 to %d"
                    + " (a document without schema predates the storage records: start the server on the database to migrate it;"
                    + " a newer one was written by a newer server)", kind, stored.schema(), schema));
        }
        return value.apply(stored);
    }

    /** Empty for null or blank text, else the parsed value. */
    static <V> Optional<V> optional(String text, Function<String, V> parse) {
        return text == null || text.isBlank() ? Optional.empty() : Optional.of(parse.apply(text));
    }

    /** The text of an optional value, null when empty (left out of the document). */
    static String text(Optional<?> value) {
        return value.map(Object::toString).orElse(null);
    }

    /** The texts of values (prefixes, ids), in their order. */
    static List<String> texts(List<?> values) {
        return values.stream().map(Object::toString).toList();
    }

    /** The parsed values of texts, in their order; none for null (a field older documents lack). */
    static <V> List<V> parsed(List<String> texts, Function<String, V> parse) {
        return texts == null ? List.of() : texts.stream().map(parse).toList();
    }
}
