package io.metalstack.peering.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Runs metalctl in-process with captured stdout/stderr, a given environment and home, and a fake terminal. */
record Invocation(Map<String, String> variables, Path home, Terminal terminal, String stdin, UnaryOperator<String> cells) {

    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    static Invocation in(Path home) {
        return new Invocation(Map.of(), home, Terminal.NONE, "", UnaryOperator.identity());
    }

    Invocation env(Map<String, String> vars) {
        return new Invocation(vars, home, terminal, stdin, cells);
    }

    Invocation terminal(Terminal t) {
        return new Invocation(variables, home, t, stdin, cells);
    }

    Invocation stdin(String text) {
        return new Invocation(variables, home, terminal, text, cells);
    }

    /** Table cells pass through {@code f} (see {@link Environment#cells()}). */
    Invocation cells(UnaryOperator<String> f) {
        return new Invocation(variables, home, terminal, stdin, f);
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Metalctl.run(environment(out, err), args);
        return new Result(exit, out.toString(), err.toString());
    }

    Environment environment() {
        return environment(new StringWriter(), new StringWriter());
    }

    private Environment environment(StringWriter out, StringWriter err) {
        return new Environment(variables, home, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(out, true), new PrintWriter(err, true), terminal, cells);
    }

    /** A terminal on which the user answers every prompt with {@code answer}. */
    static Terminal answering(String answer) {
        return new Terminal() {
            @Override
            public boolean interactive() {
                return true;
            }

            @Override
            public String readLine(String prompt) {
                return answer;
            }
        };
    }
}
