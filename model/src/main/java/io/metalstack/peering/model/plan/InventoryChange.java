package io.metalstack.peering.model.plan;

import io.metalstack.peering.model.Machine;
import io.metalstack.peering.model.MachineId;
import io.metalstack.peering.model.Network;
import io.metalstack.peering.model.Peering;
import io.metalstack.peering.model.PeeringId;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * One change of the inventory that the planner can re-plan incrementally ({@link Planner#replan}):
 * it knows which switches such a change can touch ({@link Planner#affected}).
 */
public sealed interface InventoryChange {

    /** The inventory after this change. */
    Inventory applyTo(Inventory inventory);

    /** A peering was created (or replaced, when one with the same id exists). */
    record PeeringSet(Peering peering) implements InventoryChange {
        public PeeringSet {
            requireNonNull(peering, "peering is null");
        }

        @Override
        public Inventory applyTo(Inventory i) {
            return new Inventory(i.partitions(), i.projects(), i.networks(), i.switches(), i.machines(),
                    upsert(i.peerings(), peering, Peering::id));
        }
    }

    /** A peering was deleted. */
    record PeeringRemoved(PeeringId id) implements InventoryChange {
        public PeeringRemoved {
            requireNonNull(id, "id is null");
        }

        @Override
        public Inventory applyTo(Inventory i) {
            return new Inventory(i.partitions(), i.projects(), i.networks(), i.switches(), i.machines(),
                    remove(i.peerings(), id, Peering::id));
        }
    }

    /** A machine was created, allocated, freed or re-cabled. */
    record MachineSet(Machine machine) implements InventoryChange {
        public MachineSet {
            requireNonNull(machine, "machine is null");
        }

        @Override
        public Inventory applyTo(Inventory i) {
            return new Inventory(i.partitions(), i.projects(), i.networks(), i.switches(),
                    upsert(i.machines(), machine, Machine::id), i.peerings());
        }
    }

    /** A machine was deleted. */
    record MachineRemoved(MachineId id) implements InventoryChange {
        public MachineRemoved {
            requireNonNull(id, "id is null");
        }

        @Override
        public Inventory applyTo(Inventory i) {
            return new Inventory(i.partitions(), i.projects(), i.networks(), i.switches(),
                    remove(i.machines(), id, Machine::id), i.peerings());
        }
    }

    /** A network's attributes changed (prefixes, labels, shared-ness), or a network was created. */
    record NetworkSet(Network network) implements InventoryChange {
        public NetworkSet {
            requireNonNull(network, "network is null");
        }

        @Override
        public Inventory applyTo(Inventory i) {
            return new Inventory(i.partitions(), i.projects(), upsert(i.networks(), network, Network::id),
                    i.switches(), i.machines(), i.peerings());
        }
    }

    private static <T, K> List<T> upsert(List<T> items, T item, Function<T, K> id) {
        K key = id.apply(item);
        List<T> out = new ArrayList<>(items.size() + 1);
        boolean replaced = false;
        for (T t : items) {
            if (id.apply(t).equals(key)) {
                out.add(item);
                replaced = true;
            } else {
                out.add(t);
            }
        }
        if (!replaced) {
            out.add(item);
        }
        return out;
    }

    private static <T, K> List<T> remove(List<T> items, K key, Function<T, K> id) {
        return items.stream().filter(t -> !id.apply(t).equals(key)).toList();
    }
}
