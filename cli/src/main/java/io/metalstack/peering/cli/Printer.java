package io.metalstack.peering.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.PrintWriter;
import java.util.List;
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

    /** One object the way {@code list} would print it (create, update, apply). */
    <T> void one(T item, TableView<T> view) {
        switch (format) {
            case TABLE, WIDE, MARKDOWN -> list(List.of(item), view);
            case YAML -> out.print(write(Codecs.YAML, item));
            case JSON -> out.println(write(Codecs.JSON, item));
        }
        out.flush();
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
