package io.metalstack.peering.server.store;

import java.util.List;
import java.util.Optional;

/** The verbs every store has; per-resource stores add their queries. Bound to one transaction. */
public interface EntityStore<I, T> {

    Optional<T> get(I id);

    /** Those of {@code ids} that exist, by id, in one read (none asked: no read). */
    java.util.Map<I, T> getAll(java.util.Collection<I> ids);

    /**
     * Those of {@code ids} that exist, by id, read and row-locked in one statement, in id order (as {@link #lock} one by
     * one in id order would): until the transaction ends. None asked: no read.
     */
    java.util.Map<I, T> lockAll(java.util.Collection<I> ids);

    /** Reads and row-locks (SELECT ... FOR UPDATE) until the transaction ends; NotFound naming the id if absent. */
    T lock(I id);

    /** All, ordered by id. */
    List<T> list();

    /**
     * At most {@code limit} entities, ordered by id, those after {@code after} (the id text where the previous page
     * ended; empty: from the first): the database reads this page, not the table (keyset on the primary key).
     */
    List<T> page(Optional<String> after, int limit);

    /** Conflict naming the id if it exists. */
    void insert(T entity);

    void update(T entity);

    void delete(I id);
}
