package io.metalstack.peering.cli;

import java.util.List;

/** How one kind of object is shown as a table row, in normal and wide mode. */
interface TableView<T> {
    List<String> headers(boolean wide);

    List<String> row(T item, boolean wide);

    default Table table(List<T> items, boolean wide) {
        return Table.of(headers(wide), items.stream().map(i -> row(i, wide)).toList());
    }
}
