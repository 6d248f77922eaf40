package io.metalstack.peering.frr.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.metalstack.peering.model.arch.Boundaries;
import org.junit.jupiter.api.Test;

class FrrArchitectureTest {

    private static final String FRR = Boundaries.ROOT + ".frr";
    private final JavaClasses classes = Boundaries.mainClasses(FRR);

    @Test
    void frrDoesNoIo() {
        Boundaries.noIo(FRR).check(classes);
    }

    @Test
    void frrPackagesHaveNoCycles() {
        Boundaries.noCycles(FRR).check(classes);
    }
}
