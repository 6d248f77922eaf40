package io.metalstack.peering.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * metalctl's picocli entry point ({@link Metalctl#run}) in this JVM, with captured output: the e2e tests run the
 * same command line a user types. Lives in metalctl's package because the entry point is package-private.
 */
public final class MetalctlInProcess {
    private MetalctlInProcess() {}

    public record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** Runs one invocation with an empty environment and {@code home} as the user's home (no config file there). */
    public static Result run(Path home, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Environment env = new Environment(Map.of(), home, new ByteArrayInputStream(new byte[0]), new PrintWriter(out, true),
                new PrintWriter(err, true), Terminal.NONE, UnaryOperator.identity());
        int exit = Metalctl.run(env, args);
        return new Result(exit, out.toString(), err.toString());
    }
}
