package io.metalstack.peering.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

import static java.util.Objects.requireNonNull;

/**
 * A table in metalctl's style: no borders, columns separated by two spaces, upper-case header,
 * no trailing blanks. A cell may hold several lines (labels, one {@code k=v} a line). The markdown
 * variant is pipe-delimited, multi-line cells joined with {@code <br>}.
 */
record Table(List<String> headers, List<List<String>> rows) {
    private static final String GAP = "  ";

    Table {
        headers = List.copyOf(headers);
        List<List<String>> copy = new ArrayList<>();
        for (List<String> row : rows) {
            if (row.size() != headers.size()) {
                throw new IllegalArgumentException("row has " + row.size() + " cells, header has " + headers.size() + ": " + row);
            }
            copy.add(row.stream().map(c -> c == null ? "" : c).toList());
        }
        rows = List.copyOf(copy);
    }

    /** Plain text; {@code headers=false} for {@code --no-headers}. Ends with a newline unless empty. */
    String render(boolean withHeaders) {
        List<List<String[]>> lines = new ArrayList<>();
        if (withHeaders) {
            lines.add(headers.stream().map(h -> new String[] {h.toUpperCase(Locale.ROOT)}).toList());
        }
        for (List<String> row : rows) {
            lines.add(row.stream().map(c -> c.split("\n", -1)).toList());
        }
        int[] width = new int[headers.size()];
        for (List<String[]> row : lines) {
            for (int c = 0; c < width.length; c++) {
                for (String part : row.get(c)) {
                    width[c] = Math.max(width[c], part.length());
                }
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String[]> row : lines) {
            int height = row.stream().mapToInt(cell -> cell.length).max().orElse(1);
            for (int l = 0; l < height; l++) {
                StringBuilder line = new StringBuilder();
                for (int c = 0; c < width.length; c++) {
                    String[] cell = row.get(c);
                    String part = l < cell.length ? cell[l] : "";
                    line.append(part);
                    if (c < width.length - 1) {
                        line.append(" ".repeat(width[c] - part.length())).append(GAP);
                    }
                }
                out.append(stripTrailing(line)).append('\n');
            }
        }
        return out.toString();
    }

    /** Pipe-delimited markdown; the separator row is always printed when headers are. */
    String renderMarkdown(boolean withHeaders) {
        List<List<String>> lines = new ArrayList<>();
        if (withHeaders) {
            lines.add(headers.stream().map(h -> h.toUpperCase(Locale.ROOT)).toList());
        }
        for (List<String> row : rows) {
            lines.add(row.stream().map(c -> c.replace("|", "\\|").replace("\n", "<br>")).toList());
        }
        int[] width = new int[headers.size()];
        for (List<String> row : lines) {
            for (int c = 0; c < width.length; c++) {
                width[c] = Math.max(Math.max(width[c], row.get(c).length()), 3);
            }
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < lines.size(); r++) {
            out.append(markdownLine(lines.get(r), width, ' '));
            if (r == 0 && withHeaders) {
                List<String> dashes = new ArrayList<>();
                for (int w : width) {
                    dashes.add("-".repeat(w));
                }
                out.append(markdownLine(dashes, width, '-'));
            }
        }
        return out.toString();
    }

    private static String markdownLine(List<String> cells, int[] width, char pad) {
        StringBuilder line = new StringBuilder("|");
        for (int c = 0; c < width.length; c++) {
            String cell = cells.get(c);
            line.append(pad).append(cell).append(String.valueOf(pad).repeat(width[c] - cell.length())).append(pad).append('|');
        }
        return line.append('\n').toString();
    }

    private static String stripTrailing(StringBuilder line) {
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == ' ') {
            end--;
        }
        return line.substring(0, end);
    }

    /** The same table with every cell (not the headers) rewritten by {@code f}. */
    Table map(UnaryOperator<String> f) {
        return new Table(headers, rows.stream().map(r -> r.stream().map(f).toList()).toList());
    }

    static Table of(List<String> headers, List<List<String>> rows) {
        return new Table(requireNonNull(headers, "headers is null"), requireNonNull(rows, "rows is null"));
    }
}
