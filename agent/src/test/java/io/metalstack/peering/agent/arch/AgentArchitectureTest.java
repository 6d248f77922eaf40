package io.metalstack.peering.agent.arch;

import io.metalstack.peering.model.arch.Boundaries;
import org.junit.jupiter.api.Test;

class AgentArchitectureTest {

    private static final String PACKAGE = Boundaries.ROOT + ".agent";

    @Test
    void agentNeverImportsServer() {
        Boundaries.neverServer(PACKAGE).check(Boundaries.mainClasses(PACKAGE));
    }

    @Test
    void agentPackagesHaveNoCycles() {
        Boundaries.noCycles(PACKAGE).check(Boundaries.mainClasses(PACKAGE));
    }

    @Test
    void filesHaveNoCycles() {
        Boundaries.noFileCycles(PACKAGE).check(Boundaries.mainClasses(PACKAGE));
    }
}
