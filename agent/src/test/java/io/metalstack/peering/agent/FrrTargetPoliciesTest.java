package io.metalstack.peering.agent;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The policies pushed first: a permit route-map entry never exists in FRR, even for one line, without its matches. */
class FrrTargetPoliciesTest {
    private static final String WANTED = """
            ip prefix-list vrf100-import-from-vrf400 seq 10 permit 10.0.32.0/22 le 32
            !
            route-map vrf100-import-map permit 10
             match ip address prefix-list vrf100-import-from-vrf400
             match source-vrf vrf400
            exit
            !
            route-map vrf100-import-map permit 20
             match ipv6 address prefix-list vrf100-import-from-vrf200-ipv6
             match source-vrf vrf200
            exit
            !
            route-map vrf100-import-map deny 30
            exit
            """;

    @Test
    void aPermitEntryRunningAsSuchIsPushedAsWritten() {
        String running = "route-map vrf100-import-map permit 10\n match source-vrf vrf200\nexit\n"
                + "route-map vrf100-import-map permit 20\nexit\nroute-map vrf100-import-map deny 30\nexit\n";

        assertThat(FrrTarget.policiesOf(WANTED, running)).isEqualTo(FrrTarget.policiesOf(WANTED)).isEqualTo("""
                ip prefix-list vrf100-import-from-vrf400 seq 10 permit 10.0.32.0/22 le 32
                route-map vrf100-import-map permit 10
                 match ip address prefix-list vrf100-import-from-vrf400
                 match source-vrf vrf400
                exit
                route-map vrf100-import-map permit 20
                 match ipv6 address prefix-list vrf100-import-from-vrf200-ipv6
                 match source-vrf vrf200
                exit
                route-map vrf100-import-map deny 30
                exit
                """);
    }

    @Test
    void aNewPermitEntryOrOneRunningAsADenyGetsItsMatchesAsADenyAndOnlyThenPermits() {
        String running = "route-map vrf100-import-map permit 10\n match source-vrf vrf400\nexit\n"
                + "route-map vrf100-import-map deny 20\nexit\n";

        assertThat(FrrTarget.policiesOf(WANTED, running)).isEqualTo("""
                ip prefix-list vrf100-import-from-vrf400 seq 10 permit 10.0.32.0/22 le 32
                route-map vrf100-import-map permit 10
                 match ip address prefix-list vrf100-import-from-vrf400
                 match source-vrf vrf400
                exit
                route-map vrf100-import-map deny 20
                 match ipv6 address prefix-list vrf100-import-from-vrf200-ipv6
                 match source-vrf vrf200
                exit
                route-map vrf100-import-map permit 20
                exit
                route-map vrf100-import-map deny 30
                exit
                """);
        assertThat(FrrTarget.policiesOf(WANTED, "")).contains("""
                route-map vrf100-import-map deny 10
                 match ip address prefix-list vrf100-import-from-vrf400
                 match source-vrf vrf400
                exit
                route-map vrf100-import-map permit 10
                exit
                """);
    }
}
