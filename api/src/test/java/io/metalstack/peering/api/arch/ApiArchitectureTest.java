package io.metalstack.peering.api.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.metalstack.peering.model.arch.Boundaries;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class ApiArchitectureTest {

    private static final String API = Boundaries.ROOT + ".api";
    private final JavaClasses classes = Boundaries.mainClasses(API);

    @Test
    void apiKnowsNoModuleOfOursButTheModel() {
        noClasses().that().resideInAPackage(API + "..").should().dependOnClassesThat()
                .resideInAnyPackage(Boundaries.ROOT + ".frr..", Boundaries.ROOT + ".server..", Boundaries.ROOT + ".agent..",
                        Boundaries.ROOT + ".cli..")
                .because("the wire contract is shared by metal-api, metal-core and metalctl: it maps to the model and knows none of them")
                .check(classes);
    }

    @Test
    void apiStartsNoProcesses() {
        Boundaries.processesOnlyIn(API).check(classes);
    }

    @Test
    void apiPackagesHaveNoCycles() {
        Boundaries.noCycles(API).check(classes);
    }
}
