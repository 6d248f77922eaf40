package io.metalstack.peering.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code metalctl completion bash|zsh}: prints a completion script generated from the command tree. */
@Command(name = "completion", description = "Print a shell completion script (bash or zsh).",
        footerHeading = "%nExample:%n",
        footer = {"  source <(metalctl completion bash)", "  metalctl completion zsh > \"${fpath[1]}/_metalctl\""})
final class CompletionCommand extends SessionCommand {
    enum Shell { bash, zsh }

    @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh")
    Shell shell;

    @Spec
    CommandSpec spec;

    CompletionCommand(Session session) {
        super(session);
    }

    @Override
    public void run() {
        // picocli's script is written for bash and loads bashcompinit itself when sourced by zsh.
        String script = AutoComplete.bash("metalctl", spec.root().commandLine());
        session.env().out().print(script);
        session.env().out().flush();
    }
}
