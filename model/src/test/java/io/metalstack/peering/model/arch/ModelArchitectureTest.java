package io.metalstack.peering.model.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class ModelArchitectureTest {

    private static final String MODEL = Boundaries.ROOT + ".model";
    private final JavaClasses classes = Boundaries.mainClasses(MODEL);

    @Test
    void modelDoesNoIo() {
        Boundaries.noIo(MODEL).check(classes);
    }

    @Test
    void modelDependsOnNoOtherModuleOfOurs() {
        noClasses().that().resideInAPackage(MODEL + "..").should().dependOnClassesThat()
                .resideInAnyPackage(Boundaries.ROOT + ".api..", Boundaries.ROOT + ".frr..", Boundaries.ROOT + ".server..",
                        Boundaries.ROOT + ".agent..", Boundaries.ROOT + ".cli..")
                .check(classes);
    }

    @Test
    void modelPackagesHaveNoCycles() {
        Boundaries.noCycles(MODEL).check(classes);
    }

    @Test
    void filesHaveNoCycles() {
        Boundaries.noFileCycles(MODEL).check(Boundaries.mainClasses(MODEL));
    }
}
