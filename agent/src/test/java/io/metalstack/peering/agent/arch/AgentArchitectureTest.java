package io.metalstack.peering.agent.arch;

import io.metalstack.peering.model.arch.Boundaries;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgentArchitectureTest {

    private static final String PACKAGE = Boundaries.ROOT + ".agent";

    @Test
    void agentNeverImportsServer() {
        Boundaries.neverServer(PACKAGE).check(Boundaries.mainClasses(PACKAGE));
    }

    @Test
    void onlyCommandStartsProcesses() {
        Boundaries.processesOnlyIn(PACKAGE, PACKAGE + ".Command").check(Boundaries.mainClasses(PACKAGE));
        // the rule sees the runner it allows: without the exception it fails on Command
        assertThatThrownBy(() -> Boundaries.processesOnlyIn(PACKAGE).check(Boundaries.mainClasses(PACKAGE)))
                .isInstanceOf(AssertionError.class).hasMessageContaining(PACKAGE + ".Command");
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
