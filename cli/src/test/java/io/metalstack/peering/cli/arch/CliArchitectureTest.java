package io.metalstack.peering.cli.arch;

import io.metalstack.peering.model.arch.Boundaries;
import org.junit.jupiter.api.Test;

class CliArchitectureTest {

    private static final String PACKAGE = Boundaries.ROOT + ".cli";

    @Test
    void cliNeverImportsServer() {
        Boundaries.neverServer(PACKAGE).check(Boundaries.mainClasses(PACKAGE));
    }

    @Test
    void cliStartsProcessesOnlyThroughGraphviz() {
        Boundaries.processesOnlyIn(PACKAGE, PACKAGE + ".Graphviz").check(Boundaries.mainClasses(PACKAGE));
    }

    @Test
    void cliPackagesHaveNoCycles() {
        Boundaries.noCycles(PACKAGE).check(Boundaries.mainClasses(PACKAGE));
    }
}
