package io.metalstack.peering.frr;

import io.metalstack.peering.model.plan.SwitchIntent;

import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Renders a switch's complete FRR configuration and the OS side of its VRFs from its intent: SONiC gets
 * {@code frr.conf} and {@code config_db.json}, Cumulus {@code frr.conf} and {@code interfaces}. Pure and
 * deterministic: the same intent gives the same bytes. Intent → {@link FrrConfig} (typed FRR model) → text.
 */
public final class FrrRenderer {
    public static final String FRR_CONF = "frr.conf";
    public static final String CONFIG_DB = "config_db.json";
    public static final String INTERFACES = "interfaces";

    private final FrrModelBuilder builder = new FrrModelBuilder();
    private final FrrPrinter printer = new FrrPrinter();
    private final ConfigDbRenderer configDb = new ConfigDbRenderer();
    private final InterfacesRenderer interfaces = new InterfacesRenderer();

    public RenderedConfig render(SwitchIntent intent) {
        FrrModelBuilder.Built built = builder.build(intent);
        SortedMap<String, String> files = new TreeMap<>();
        files.put(FRR_CONF, printer.print(built.config()));
        switch (Dialect.of(intent.os())) {
            case SONIC -> files.put(CONFIG_DB, configDb.render(intent));
            case CUMULUS -> files.put(INTERFACES, interfaces.render(intent));
        }
        return new RenderedConfig(files, built.warnings());
    }
}
