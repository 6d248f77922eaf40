package io.metalstack.peering.model.arch;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FileReader;
import java.io.FileWriter;
import java.io.RandomAccessFile;
import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The module and package rules every module's ArchitectureTest states over its main code (tests are left out). */
public final class Boundaries {

    public static final String ROOT = "io.metalstack.peering";

    private Boundaries() {}

    /** The main classes of {@code packageName} and below, as compiled into this module's target/classes. */
    public static JavaClasses mainClasses(String packageName) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS).importPackages(packageName);
    }

    /** Pure code: no files, sockets, databases, processes or environment, so the same input gives the same output. */
    public static ArchRule noIo(String packageName) {
        return noClasses().that().resideInAPackage(packageName + "..")
                .should().dependOnClassesThat().resideInAnyPackage("java.nio.file..", "java.nio.channels..", "java.net..",
                        "java.sql..", "javax.sql..", "java.net.http..")
                .orShould().dependOnClassesThat().belongToAnyOf(File.class, FileInputStream.class, FileOutputStream.class,
                        FileReader.class, FileWriter.class, RandomAccessFile.class, ProcessBuilder.class, Process.class,
                        Runtime.class)
                .orShould().callMethod(System.class, "getenv")
                .orShould().callMethod(System.class, "getenv", String.class)
                .because("model and frr are pure: rendering and rules are deterministic and tested without a machine");
    }

    /**
     * Processes are started in one place: the class named {@code runner} (the agent's {@code Command}), or, with none, nowhere in
     * {@code packageName}; a second runner would bring back its own timeout, output and error handling.
     */
    public static ArchRule processesOnlyIn(String packageName, String... runner) {
        Set<String> runners = Set.of(runner);
        return noClasses().that().resideInAPackage(packageName + "..")
                .and(DescribedPredicate.describe("are not " + runners, (JavaClass c) -> !runners.contains(c.getName())))
                .should().dependOnClassesThat().belongToAnyOf(ProcessBuilder.class, Process.class)
                .orShould().callMethod(Runtime.class, "exec", String.class)
                .orShould().callMethod(Runtime.class, "exec", String[].class)
                .because("one process runner serves a module's main code");
    }

    /** The server is a process of its own: metalctl and the agent talk to it over HTTP (the api module), never by code. */
    public static ArchRule neverServer(String packageName) {
        return noClasses().that().resideInAPackage(packageName + "..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".server..")
                .because("cli and agent reach the server only through the api module's client");
    }

    /** No class file of {@code packageName} and below depends, through any chain, on one that depends back on it. */
    public static ArchRule noFileCycles(String packageName) {
        return slices().assignedFrom(new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass c) {
                return c.getPackageName().startsWith(packageName)
                        ? SliceIdentifier.of(c.getName().replaceFirst("\\$.*", "")) : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "the top-level classes (files) of " + packageName;
            }
        }).should().beFreeOfCycles();
    }

    /**
     * No sub-package of {@code packageName} depends, through any chain, on one that depends back on it (holds trivially,
     * and stays checked, in a module of one package).
     */
    public static ArchRule noCycles(String packageName) {
        return slices().matching(packageName + ".(**)").should().beFreeOfCycles().allowEmptyShould(true);
    }
}
