package io.metalstack.peering.server;

import org.junit.jupiter.api.Nested;

/**
 * The switch side ({@link SwitchSideContract}) on its own server, so that its server-wide metrics count only its own
 * switches. Run against H2 ({@link H2SwitchSideIT}) and PostgreSQL ({@link PostgresSwitchSideIT}).
 */
abstract class SwitchSideSuite extends ServerSuite {

    @Nested
    class SwitchSide extends SwitchSideContract {
        SwitchSide() {
            super(fixture());
        }
    }
}
