package io.metalstack.peering.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that only groups subcommands: called alone it is a usage error listing them. */
abstract class Group implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "`" + spec.qualifiedName()
                + "` needs a subcommand: " + String.join(", ", spec.subcommands().values().stream().distinct()
                        .map(CommandLine::getCommandName).sorted().toList()));
    }
}
