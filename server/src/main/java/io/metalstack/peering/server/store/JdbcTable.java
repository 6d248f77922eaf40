package io.metalstack.peering.server.store;

import io.metalstack.peering.model.DomainException;
import org.jdbi.v3.core.Handle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one JDBC implementation behind every store: a table of {@code id}, a JSON {@code doc} (the entity's storage
 * record, {@link StoredForm}) and the extra columns queries and constraints need, plus the rows of other tables that
 * index it ({@link #indexRows}). Plain SQL that H2 and PostgreSQL both run.
 */
public class JdbcTable<I, T> implements EntityStore<I, T> {

    /** The longest document a row holds, in characters; the HTTP input limits keep requests far below it. */
    public static final int DOCUMENT_MAX = 1_000_000;
    /** The most ids one {@code IN} read binds. */
    private static final int IN_CHUNK = 1_000;

    /** How an entity becomes a row and back: its document in its {@link StoredForm}, and the columns queries need. */
    record Codec<I, T>(String table, Function<I, String> idText, Function<T, I> id, StoredForm<T, ?> form,
                       Function<T, Map<String, Object>> columns) {
        String kind() {
            return form.kind();
        }

        T decode(String document) {
            return form.read(document);
        }
    }

    protected final Handle handle;
    protected final Codec<I, T> codec;
    private final Map<String, Optional<T>> written = new TreeMap<>();
    private final Set<String> updated = new TreeSet<>();
    private Boolean postgres;

    JdbcTable(Handle handle, Codec<I, T> codec) {
        this.handle = handle;
        this.codec = codec;
    }

    /** Per id this unit of work inserted, updated or deleted, ordered by id: the entity as last written, empty if deleted. */
    Map<String, Optional<T>> written() {
        return written;
    }

    /** The ids this unit of work only updated (neither inserted nor deleted). */
    Set<String> onlyUpdated() {
        return updated;
    }

    @Override
    public Optional<T> get(I id) {
        return handle.createQuery("SELECT doc FROM " + codec.table() + " WHERE id = :id")
                .bind("id", codec.idText().apply(id)).mapTo(String.class).findOne().map(codec::decode);
    }

    @Override
    public T lock(I id) {
        return handle.createQuery("SELECT doc FROM " + codec.table() + " WHERE id = :id FOR UPDATE")
                .bind("id", codec.idText().apply(id)).mapTo(String.class).findOne().map(codec::decode)
                .orElseThrow(() -> notFound(id));
    }

    @Override
    public Map<I, T> getAll(java.util.Collection<I> ids) {
        return byIds(ids, "");
    }

    @Override
    public Map<I, T> lockAll(java.util.Collection<I> ids) {
        return byIds(ids, " FOR UPDATE");
    }

    private Map<I, T> byIds(java.util.Collection<I> ids, String suffix) {
        Map<I, T> out = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        List<String> texts = ids.stream().map(codec.idText()).distinct().sorted().toList();
        // in chunks, below every driver's limit of bound values (PostgreSQL: 32,767), each chunk still in id order
        for (int from = 0; from < texts.size(); from += IN_CHUNK) {
            handle.createQuery("SELECT doc FROM " + codec.table() + " WHERE id IN (<ids>) ORDER BY id" + suffix)
                    .bindList("ids", texts.subList(from, Math.min(texts.size(), from + IN_CHUNK))).mapTo(String.class).list().forEach(doc -> {
                        T entity = codec.decode(doc);
                        out.put(codec.id().apply(entity), entity);
                    });
        }
        return out;
    }

    /** Whether this handle is on PostgreSQL (from the connection's URL: no round trip). */
    boolean postgres() {
        if (postgres == null) {
            try {
                postgres = handle.getConnection().getMetaData().getURL().startsWith("jdbc:postgresql:");
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("cannot tell the database of this connection", e);
            }
        }
        return postgres;
    }

    DomainException.NotFound notFound(I id) {
        return new DomainException.NotFound(String.format("%s %s not found", codec.kind(), codec.idText().apply(id)));
    }

    @Override
    public List<T> list() {
        return where("1 = 1", Map.of());
    }

    @Override
    public List<T> page(Optional<String> after, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit " + limit + " is below 1");
        }
        var q = handle.createQuery("SELECT doc FROM " + codec.table() + (after.isPresent() ? " WHERE id > :after" : "")
                + " ORDER BY id LIMIT :limit");
        after.ifPresent(a -> q.bind("after", a));
        return q.bind("limit", limit).mapTo(String.class).list().stream().map(codec::decode).toList();
    }

    /** Entities matching a SQL condition over the table's columns, ordered by id. */
    List<T> where(String condition, Map<String, Object> binds) {
        var q = handle.createQuery("SELECT doc FROM " + codec.table() + " WHERE " + condition + " ORDER BY id");
        binds.forEach(q::bind);
        List<String> documents = q.mapTo(String.class).list();
        // a long list (the full plan at start reads every entity) is decoded in parallel: the documents are independent
        return (documents.size() >= PARALLEL_DECODE_FROM ? documents.parallelStream() : documents.stream()).map(codec::decode).toList();
    }

    /** From this many rows on, {@link #where} decodes the documents in parallel. */
    private static final int PARALLEL_DECODE_FROM = 1_000;

    @Override
    public void insert(T entity) {
        I id = codec.id().apply(entity);
        // PostgreSQL: the primary key answers whether the id is taken, in the insert itself (no read before it)
        boolean checked = postgres();
        if (!checked && get(id).isPresent()) {
            throw exists(id);
        }
        Map<String, Object> cols = row(entity);
        var u = handle.createUpdate("INSERT INTO " + codec.table() + " (" + String.join(", ", cols.keySet()) + ") VALUES ("
                + cols.keySet().stream().map(c -> ":" + c).collect(Collectors.joining(", ")) + ")"
                + (checked ? " ON CONFLICT (id) DO NOTHING" : ""));
        cols.forEach(u::bind);
        if (u.execute() != 1) {
            throw exists(id);
        }
        indexRows(codec.idText().apply(id), Optional.of(entity));
        written.put(codec.idText().apply(id), Optional.of(entity));
        updated.remove(codec.idText().apply(id));
    }

    private DomainException.Conflict exists(I id) {
        return new DomainException.Conflict(String.format("%s %s already exists: choose another id or update it",
                codec.kind(), codec.idText().apply(id)));
    }

    @Override
    public void update(T entity) {
        Map<String, Object> cols = row(entity);
        List<String> sets = new ArrayList<>();
        cols.keySet().stream().filter(c -> !c.equals("id")).forEach(c -> sets.add(c + " = :" + c));
        var u = handle.createUpdate("UPDATE " + codec.table() + " SET " + String.join(", ", sets) + " WHERE id = :id");
        cols.forEach(u::bind);
        if (u.execute() != 1) {
            throw notFound(codec.id().apply(entity));
        }
        String text = codec.idText().apply(codec.id().apply(entity));
        indexRows(text, Optional.of(entity));
        if (written.put(text, Optional.of(entity)) == null) {
            updated.add(text);
        }
    }

    /**
     * Keeps the rows of another table that index this entity (in the same transaction as its row): called after every
     * insert, update ({@code entity} as written) and delete (empty). None by default.
     */
    void indexRows(String id, Optional<T> entity) {}

    /** An update that changes what switches are configured with: written as a change of the entity, not of its metadata only. */
    void updatePlanned(T entity) {
        update(entity);
        updated.remove(codec.idText().apply(codec.id().apply(entity)));
    }

    @Override
    public void delete(I id) {
        handle.createUpdate("DELETE FROM " + codec.table() + " WHERE id = :id").bind("id", codec.idText().apply(id)).execute();
        indexRows(codec.idText().apply(id), Optional.empty());
        written.put(codec.idText().apply(id), Optional.empty());
        updated.remove(codec.idText().apply(id));
    }

    private Map<String, Object> row(T entity) {
        Map<String, Object> cols = new LinkedHashMap<>();
        String id = codec.idText().apply(codec.id().apply(entity));
        String doc = codec.form().write(entity);
        if (doc.length() > DOCUMENT_MAX) {
            throw DomainException.invalid("%s %s would be stored as %d characters: at most %d are allowed; shorten its labels or description",
                    codec.kind(), id, doc.length(), DOCUMENT_MAX);
        }
        cols.put("id", id);
        cols.put("doc", doc);
        cols.putAll(codec.columns().apply(entity));
        return cols;
    }
}
