package io.metalstack.peering.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import static java.util.Objects.requireNonNull;

/**
 * Prints results in the format chosen by {@code -o}. As in metalctl, {@code describe} prints YAML
 * unless a format was asked for explicitly.
 */
final class Printer {
    private final OutputFormat format;
    private final boolean explicit;
    private final boolean noHeaders;
    private final PrintWriter out;
    private final UnaryOperator<String> cells;

    Printer(OutputFormat format, boolean explicit, boolean noHeaders, PrintWriter out, UnaryOperator<String> cells) {
        this.format = requireNonNull(format, "format is null");
        this.explicit = explicit;
        this.noHeaders = noHeaders;
        this.out = requireNonNull(out, "out is null");
        this.cells = requireNonNull(cells, "cells is null");
    }

    <T> void list(List<T> items, TableView<T> view) {
        switch (format) {
            case TABLE -> out.print(view.table(items, false).map(cells).render(!noHeaders));
            case WIDE -> out.print(view.table(items, true).map(cells).render(!noHeaders));
            case MARKDOWN -> out.print(view.table(items, false).map(cells).renderMarkdown(!noHeaders));
            case YAML -> out.print(write(Codecs.YAML, items));
            case JSON -> out.println(write(Codecs.JSON, items));
        }
        out.flush();
    }

    /** One object: YAML by default (metalctl's describe), else the chosen format. */
    <T> void describe(T item, TableView<T> view) {
        if (!explicit) {
            out.print(write(Codecs.YAML, item));
            out.flush();
            return;
        }
        one(item, view);
    }

    /** A further table below an object's row in {@code describe}'s table formats; {@code headers=false} for key/value blocks. */
    record Section(Table table, boolean headers) {
        Section {
            requireNonNull(table, "table is null");
        }

        /** A key/value block without header: one row per key whose value is not empty. */
        static Section keyValues(Map<String, String> values) {
            List<List<String>> rows = values.entrySet().stream().filter(e -> e.getValue() != null && !e.getValue().isEmpty())
                    .map(e -> List.of(e.getKey() + ":", e.getValue())).toList();
            return new Section(Table.of(List.of("KEY", "VALUE"), rows), false);
        }
    }

    /**
     * {@link #describe(Object, TableView)}, and in the table formats also {@code more}: sections below the row, each
     * after an empty line (empty sections are left out). yaml/json carry everything in the object itself.
     */
    <T> void describe(T item, TableView<T> view, Function<T, List<Section>> more) {
        describe(item, view);
        if (!explicit || format == OutputFormat.YAML || format == OutputFormat.JSON) {
            return;
        }
        for (Section section : more.apply(item)) {
            if (section.table().rows().isEmpty()) {
                continue;
            }
            Table t = section.table().map(cells);
            boolean headers = section.headers() && !noHeaders;
            out.println();
            out.print(format == OutputFormat.MARKDOWN ? t.renderMarkdown(headers) : t.render(headers));
        }
        out.flush();
    }

    /** One object the way {@code list} would print it (create, update, apply). */
    <T> void one(T item, TableView<T> view) {
        switch (format) {
            case TABLE, WIDE, MARKDOWN -> list(List.of(item), view);
            case YAML -> out.print(write(Codecs.YAML, item));
            case JSON -> out.println(write(Codecs.JSON, item));
        }
        out.flush();
    }

    /** Text meant for humans (rendered files); yaml/json print {@code data} instead, so they stay parseable. */
    void text(Object data, String text) {
        switch (format) {
            case YAML -> out.print(write(Codecs.YAML, data));
            case JSON -> out.println(write(Codecs.JSON, data));
            case TABLE, WIDE, MARKDOWN -> out.print(text);
        }
        out.flush();
    }

    /** Objects as {@link #list} prints them followed by text for humans (a dry run's diffs); yaml/json print {@code data} alone. */
    <T> void report(List<T> items, TableView<T> view, Object data, String text) {
        if (format != OutputFormat.YAML && format != OutputFormat.JSON) {
            list(items, view);
        }
        text(data, text);
    }

    /** A line of prose (confirmations such as "deleted ..."); suppressed for yaml/json so they stay parseable. */
    void note(String line) {
        if (format != OutputFormat.YAML && format != OutputFormat.JSON) {
            out.println(line);
            out.flush();
        }
    }

    /** Structured output only: for yaml/json prints {@code items}; tables rely on the {@link #note} lines. */
    void data(List<?> items) {
        switch (format) {
            case YAML -> out.print(write(Codecs.YAML, items));
            case JSON -> out.println(write(Codecs.JSON, items));
            case TABLE, WIDE, MARKDOWN -> { }
        }
        out.flush();
    }

    private static String write(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
