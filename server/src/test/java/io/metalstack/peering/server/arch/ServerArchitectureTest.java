package io.metalstack.peering.server.arch;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
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
    void serverStartsNoProcesses() {
        Boundaries.processesOnlyIn(SERVER).check(classes);
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

    @Test
    void httpNeverTouchesJdbc() {
        noClasses().that().resideInAPackage(SERVER + ".http..").should().dependOnClassesThat()
                .resideInAnyPackage("java.sql..", "javax.sql..", "org.jdbi..", "org.flywaydb..", "com.zaxxer..", "org.postgresql..", "org.h2..")
                .because("resources reach the database only through the store's units of work")
                .check(classes);
    }

    @Test
    void storeNeverImportsHttpOrFabric() {
        noClasses().that().resideInAPackage(SERVER + ".store..").should().dependOnClassesThat()
                .resideInAnyPackage(SERVER + ".http..", SERVER + ".fabric..", "io.javalin..")
                .because("the store keeps entities; who asks over HTTP and what the fabric plans of them is not its business")
                .check(classes);
    }

    @Test
    void storeKeepsItsOwnRecordsNotTheWire() {
        noClasses().that().resideInAPackage(SERVER + ".store..").should().dependOnClassesThat()
                .resideInAPackage(SERVER + ".wire..")
                .orShould().dependOnClassesThat(DescribedPredicate.describe("are wire records (api V1*) or the API's JSON configuration",
                        (JavaClass c) -> c.getPackageName().equals("io.metalstack.peering.api")
                                && (c.getSimpleName().startsWith("V1") || c.getSimpleName().equals("Json"))))
                .because("the database holds the store's own storage records: a change of the wire is no change of what is stored")
                .check(classes);
    }

    @Test
    void fabricNeverImportsHttp() {
        noClasses().that().resideInAPackage(SERVER + ".fabric..").should().dependOnClassesThat()
                .resideInAnyPackage(SERVER + ".http..", "io.javalin..")
                .because("the plan, the watchers and the replicas serve every edge; the HTTP edge is one of them")
                .check(classes);
    }

    @Test
    void resourcesReachTheDatabaseOnlyThroughTheirService() {
        noClasses().that().resideInAPackage(SERVER + ".http..").and().haveSimpleNameEndingWith("Resource")
                .should().dependOnClassesThat().resideInAPackage(SERVER + ".store..")
                .because("a resource maps the wire to a service call; the service holds the rules and the transaction")
                .check(classes);
    }

    @Test
    void servicesNeverSeeHttpOrTheWire() {
        noClasses().that().resideInAPackage(SERVER + ".service..").should().dependOnClassesThat()
                .resideInAnyPackage(SERVER + ".http..", SERVER + ".wire..", "io.javalin..", "io.metalstack.peering.api..")
                .because("a service takes and returns domain records; routes, status codes and JSON shapes are the resource's")
                .check(classes);
    }

    @Test
    void everyServerClassLivesInALayer() {
        noClasses().should().resideInAPackage(SERVER).because("the server's classes live in http, service, fabric, store, wire, auth or launch")
                .check(classes);
    }
}
