package io.metalstack.peering.server;

import io.metalstack.peering.model.Machine;
import io.metalstack.peering.model.MachineId;
import io.metalstack.peering.model.Network;
import io.metalstack.peering.model.NetworkId;
import io.metalstack.peering.model.Partition;
import io.metalstack.peering.model.PartitionId;
import io.metalstack.peering.model.Peering;
import io.metalstack.peering.model.PeeringId;
import io.metalstack.peering.model.Project;
import io.metalstack.peering.model.ProjectId;
import io.metalstack.peering.model.Switch;
import io.metalstack.peering.model.SwitchId;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** One unit of work over all stores: everything done through one instance commits or rolls back together. */
interface Stores {

    EntityStore<PartitionId, Partition> partitions();

    EntityStore<ProjectId, Project> projects();

    NetworkStore networks();

    EntityStore<SwitchId, Switch> switches();

    EntityStore<MachineId, Machine> machines();

    PeeringStore peerings();

    TokenStore tokens();

    /** Increments the global revision (locks its row until commit: take it last) and returns the new value. */
    long bumpRevision();

    long revision();

    interface NetworkStore extends EntityStore<NetworkId, Network> {
        List<Network> children(NetworkId parent);

        List<Network> byName(String name);

        Set<Integer> usedVrfs();
    }

    interface PeeringStore extends EntityStore<PeeringId, Peering> {
        /** Every peering with {@code network} on either side. */
        List<Peering> of(NetworkId network);
    }

    interface TokenStore extends EntityStore<String, Token> {
        Optional<Token> byHash(String secretHash);
    }
}
