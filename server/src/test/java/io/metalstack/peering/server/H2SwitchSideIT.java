package io.metalstack.peering.server;

/** The switch side on the embedded H2 file database (one replica). */
class H2SwitchSideIT extends SwitchSideSuite {

    @Override
    TestDatabase newDatabase() {
        return TestDatabase.h2("metal-h2-switch-");
    }
}
