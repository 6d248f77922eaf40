package io.metalstack.peering.server.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.metalstack.peering.model.arch.Boundaries;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class ServerArchitectureTest {

    private static final String SERVER = Boundaries.ROOT + ".server";
    private final JavaClasses classes = Boundaries.mainClasses(SERVER);

    @Test
    void serverPackagesHaveNoCycles() {
        Boundaries.noCycles(SERVER).check(classes);
    }

    @Test
    void serverFilesHaveNoCycles() {
        Boundaries.noFileCycles(SERVER).check(classes);
    }

    @Test
    void onlyTheLauncherWiresTheServer() {
        noClasses().that().resideOutsideOfPackage(SERVER + ".launch..").should().dependOnClassesThat()
                .resideInAPackage(SERVER + ".launch..")
                .because("launch is the top: Main, the demo and the embedded server wire the rest and nothing depends on them")
                .check(classes);
    }

    @Test
    void authNeedsNothingElseOfTheServer() {
        noClasses().that().resideInAPackage(SERVER + ".auth..").should().dependOnClassesThat()
                .resideOutsideOfPackages(SERVER + ".auth..", "io.metalstack.peering.model..", "java..")
                .because("who calls and what a role may do is a value every layer reads; it reads none of them")
                .check(classes);
    }
}
