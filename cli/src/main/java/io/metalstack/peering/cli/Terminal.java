package io.metalstack.peering.cli;

import java.io.Console;

/** The user's terminal, for confirmation prompts. Tests pass their own. */
interface Terminal {
    /** True when a human can answer a prompt (stdin and stdout are a terminal). */
    boolean interactive();

    /** Shows {@code prompt} and returns the answer line, or null at end of input. */
    String readLine(String prompt);

    static Terminal system() {
        return new Terminal() {
            @Override
            public boolean interactive() {
                return System.console() != null;
            }

            @Override
            public String readLine(String prompt) {
                Console console = System.console();
                return console == null ? null : console.readLine("%s", prompt);
            }
        };
    }

    /** No terminal at all: the case of scripts and pipes. */
    Terminal NONE = new Terminal() {
        @Override
        public boolean interactive() {
            return false;
        }

        @Override
        public String readLine(String prompt) {
            return null;
        }
    };
}
