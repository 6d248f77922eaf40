package io.metalstack.peering.model.plan;

import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.Network;
import io.metalstack.peering.model.NetworkId;
import io.metalstack.peering.model.Peering;
import io.metalstack.peering.model.PeeringId;
import io.metalstack.peering.model.SwitchId;
import io.metalstack.peering.model.Vni;

import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * The planner's result: every switch's intent, computed from {@link #inventory()}. Two plans are equal when
 * their intents are. It keeps the inventory's index, so that {@link Planner#replan} needs no rebuild of it
 * for the switches a change does not touch.
 */
public final class Plan {
    private final FabricIndex index;
    private final SortedMap<SwitchId, SwitchIntent> intents;
    private final SortedMap<SwitchId, DomainException> failures;

    Plan(FabricIndex index, SortedMap<SwitchId, SwitchIntent> intents) {
        this(index, intents, new TreeMap<>());
    }

    Plan(FabricIndex index, SortedMap<SwitchId, SwitchIntent> intents, SortedMap<SwitchId, DomainException> failures) {
        this.index = requireNonNull(index, "index is null");
        this.intents = Collections.unmodifiableSortedMap(new TreeMap<>(intents));
        this.failures = Collections.unmodifiableSortedMap(new TreeMap<>(failures));
    }

    /**
     * The switches that could not be planned ({@link Planner#planEach}, {@link Planner#replanEach}), with why; such a
     * switch keeps the intent it had before (if any) in {@link #intents()}.
     */
    public SortedMap<SwitchId, DomainException> failures() {
        return failures;
    }

    FabricIndex index() {
        return index;
    }

    public Inventory inventory() {
        return index.inventory();
    }

    /** Every switch of the inventory, sorted by id. */
    public SortedMap<SwitchId, SwitchIntent> intents() {
        return intents;
    }

    /** The inventory's network, from the index: no materialized inventory needed. */
    public Optional<Network> network(NetworkId id) {
        return Optional.ofNullable(index.networkOrNull(id));
    }

    /** The inventory's peering, from the index: no materialized inventory needed. */
    public Optional<Peering> peering(PeeringId id) {
        return Optional.ofNullable(index.peeringOrNull(id));
    }

    public Optional<SwitchIntent> intent(SwitchId id) {
        return Optional.ofNullable(intents.get(id));
    }

    /** Per switch its VNI to VLAN map: what the server persists and hands to the next plan. */
    public SortedMap<SwitchId, SortedMap<Vni, Integer>> vlans() {
        TreeMap<SwitchId, SortedMap<Vni, Integer>> out = new TreeMap<>();
        intents.forEach((id, intent) -> out.put(id, vlans(intent)));
        return Collections.unmodifiableSortedMap(out);
    }

    static SortedMap<Vni, Integer> vlans(SwitchIntent intent) {
        TreeMap<Vni, Integer> out = new TreeMap<>();
        intent.vrfs().forEach(v -> out.put(v.vni(), v.vlan()));
        return Collections.unmodifiableSortedMap(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Plan p && intents.equals(p.intents);
    }

    @Override
    public int hashCode() {
        return intents.hashCode();
    }

    @Override
    public String toString() {
        return "Plan" + intents.values();
    }
}
