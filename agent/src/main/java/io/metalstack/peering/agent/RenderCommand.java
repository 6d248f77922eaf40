package io.metalstack.peering.agent;

import io.metalstack.peering.frr.FrrRenderer;
import io.metalstack.peering.frr.RenderedConfig;
import io.metalstack.peering.model.status.Warning;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.SwitchOs;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code bin/metal-core render --conf FILE --os sonic|cumulus --out DIR}: renders metal-core's own input format with the
 * renderer the agent uses and writes {@code DIR/frr.conf} and {@code DIR/config_db.json} (SONiC) or
 * {@code DIR/interfaces} (Cumulus) as the agent's {@code dir} target writes them. Exit code 0 when written (warnings on
 * stderr), 1 when the file is refused (the message names the field and the value), 2 for bad options.
 */
@Command(name = "render", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Renders a metal-core conf.yaml (its switch configuration) into frr.conf and interfaces or config_db.json.")
final class RenderCommand implements Callable<Integer> {

    @Option(names = "--conf", required = true, description = "metal-core's conf.yaml")
    Path conf;

    @Option(names = "--os", required = true, converter = OsConverter.class, description = "sonic or cumulus")
    SwitchOs os;

    @Option(names = "--out", required = true, description = "directory to write the files into (created if missing)")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        try {
            RenderedConfig rendered = render(conf, os);
            new DirectoryTarget(out).apply(rendered);
            for (Warning w : rendered.warnings()) {
                err.println("warning: " + w);
            }
            rendered.files().keySet().forEach(f -> stdout.println(out.resolve(f)));
            return 0;
        } catch (DomainException e) {
            err.println("metal-core render: " + e.getMessage());
            return 1;
        } catch (ApplyTarget.ApplyException e) {
            err.println("metal-core render: " + e.getMessage());
            return 1;
        } finally {
            err.flush();
            stdout.flush();
        }
    }

    /** Reads and renders one conf.yaml; a refused value throws {@link DomainException.Invalid}. */
    static RenderedConfig render(Path conf, SwitchOs os) {
        String yaml;
        try {
            yaml = Files.readString(conf, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw DomainException.invalid("cannot read %s: %s", conf, e.getMessage());
        }
        MetalCoreConf.Parsed parsed = MetalCoreConf.parse(conf.toString(), yaml, os);
        return new FrrRenderer().render(parsed.intent(), parsed.local());
    }

    /** {@code sonic}, {@code cumulus}, any case. */
    static final class OsConverter implements CommandLine.ITypeConverter<SwitchOs> {
        @Override
        public SwitchOs convert(String value) {
            try {
                return SwitchOs.parse(value);
            } catch (DomainException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
