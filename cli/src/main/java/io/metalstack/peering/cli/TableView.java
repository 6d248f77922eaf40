package io.metalstack.peering.cli;

import java.util.List;
import java.util.function.Function;

/** How one kind of object is shown as a table row, in normal and wide mode. */
interface TableView<T> {
    List<String> headers(boolean wide);

    List<String> row(T item, boolean wide);

    default Table table(List<T> items, boolean wide) {
        return Table.of(headers(wide), items.stream().map(i -> row(i, wide)).toList());
    }

    /** A column: its header and its cell in the normal table ({@code null}: only in wide) and in the wide one. */
    record Column<T>(String header, Function<T, String> normal, Function<T, String> wide) {
        public Column {
            java.util.Objects.requireNonNull(header, "header is null");
            java.util.Objects.requireNonNull(wide, "wide is null");
        }

        static <T> Column<T> of(String header, Function<T, String> cell) {
            return new Column<>(header, cell, cell);
        }

        static <T> Column<T> wideOnly(String header, Function<T, String> cell) {
            return new Column<>(header, null, cell);
        }
    }

    /** A view declared once as its columns; wide shows all of them, the normal table those with a normal cell. */
    @SafeVarargs
    static <T> TableView<T> of(Column<T>... columns) {
        List<Column<T>> all = new java.util.ArrayList<>();
        for (Column<T> c : columns) {
            all.add(c);
        }
        return new TableView<>() {
            @Override
            public List<String> headers(boolean wide) {
                return all.stream().filter(c -> wide || c.normal() != null).map(Column::header).toList();
            }

            @Override
            public List<String> row(T item, boolean wide) {
                return all.stream().filter(c -> wide || c.normal() != null)
                        .map(c -> (wide ? c.wide() : c.normal()).apply(item))
                        .map(cell -> cell == null ? "" : cell).toList();
            }
        };
    }
}
