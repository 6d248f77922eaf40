package io.metalstack.peering.frr;

import io.metalstack.peering.model.plan.SwitchIntent;

import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * Renders a switch's complete FRR configuration and its OS side from its intent and its {@link SwitchLocal} facts: SONiC gets
 * {@code frr.conf} and {@code config_db.json}, Cumulus {@code frr.conf} and {@code interfaces}. Pure and
 * deterministic: the same intent and facts give the same bytes. Intent → typed model ({@link FrrConfig}, {@link ConfigDb},
 * {@link Interfaces}) → text.
 */
public final class FrrRenderer {
    public static final String FRR_CONF = "frr.conf";
    public static final String CONFIG_DB = "config_db.json";
    public static final String INTERFACES = "interfaces";

    private final FrrModelBuilder builder = new FrrModelBuilder();
    private final FrrPrinter printer = new FrrPrinter();
    private final ConfigDbBuilder configDbBuilder = new ConfigDbBuilder();
    private final ConfigDbPrinter configDbPrinter = new ConfigDbPrinter();
    private final InterfacesBuilder interfacesBuilder = new InterfacesBuilder();
    private final InterfacesPrinter interfacesPrinter = new InterfacesPrinter();

    /** With metal-core's default switch-local facts ({@link SwitchLocal#DEFAULTS}): the server's preview, tests. */
    public RenderedConfig render(SwitchIntent intent) {
        return render(intent, SwitchLocal.DEFAULTS);
    }

    /** The switch's files with its own switch-local facts (management, PXE, bridge, logging), as the agent renders them. */
    public RenderedConfig render(SwitchIntent intent, SwitchLocal local) {
        requireNonNull(intent, "intent is null");
        requireNonNull(local, "local is null");
        FrrModelBuilder.Built built = builder.build(intent, local);
        SortedMap<String, String> files = new TreeMap<>();
        files.put(FRR_CONF, printer.print(built.config()));
        Optional<ConfigDb> configDb = Optional.empty();
        Optional<Interfaces> interfaces = Optional.empty();
        switch (Dialect.of(intent.os())) {
            case SONIC -> {
                configDb = Optional.of(configDbBuilder.build(intent, local));
                files.put(CONFIG_DB, configDbPrinter.print(configDb.get()));
            }
            case CUMULUS -> {
                interfaces = Optional.of(interfacesBuilder.build(intent, local));
                files.put(INTERFACES, interfacesPrinter.print(interfaces.get()));
            }
        }
        return new RenderedConfig(files, built.warnings(), Optional.of(built.config()), configDb, interfaces);
    }
}
