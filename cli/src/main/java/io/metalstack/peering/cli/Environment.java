package io.metalstack.peering.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;

import static java.util.Objects.requireNonNull;

/**
 * Everything metalctl takes from the process: environment variables, home directory, streams, terminal.
 * {@code cells} rewrites every table cell before layout: the identity, except in tests, which replace
 * server-made ids and random VRFs by stable names there, so golden tables stay aligned.
 */
record Environment(Map<String, String> variables, Path home, InputStream stdin, PrintWriter out, PrintWriter err,
                   Terminal terminal, UnaryOperator<String> cells) {
    Environment {
        variables = Map.copyOf(requireNonNull(variables, "variables is null"));
        requireNonNull(home, "home is null");
        requireNonNull(stdin, "stdin is null");
        requireNonNull(out, "out is null");
        requireNonNull(err, "err is null");
        requireNonNull(terminal, "terminal is null");
        requireNonNull(cells, "cells is null");
    }

    static Environment system() {
        return new Environment(System.getenv(), Path.of(System.getProperty("user.home")), System.in,
                new PrintWriter(System.out, true), new PrintWriter(System.err, true), Terminal.system(),
                UnaryOperator.identity());
    }
}
