package io.metalstack.peering.server.store;

import io.metalstack.peering.model.Machine;
import io.metalstack.peering.model.Peering;
import io.metalstack.peering.model.Switch;
import io.metalstack.peering.model.SwitchId;
import io.metalstack.peering.model.rules.ExternalPeeringRules;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** What external admission reads of the store, within the admitting transaction: one switch's rows, by index. */
public final class StoredFabric implements ExternalPeeringRules.Fabric {

    private final Stores s;

    public StoredFabric(Stores s) {
        this.s = requireNonNull(s, "s is null");
    }

    @Override
    public Optional<Switch> switchById(SwitchId id) {
        return s.switches().get(id);
    }

    @Override
    public List<Machine> machinesOn(SwitchId id) {
        return s.machines().on(id);
    }

    @Override
    public List<Peering> externalPeeringsOn(SwitchId id) {
        return s.peerings().externalOn(id);
    }
}
