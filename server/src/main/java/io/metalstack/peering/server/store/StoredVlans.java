package io.metalstack.peering.server.store;

import io.metalstack.peering.model.Vni;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** The document of a switch's stable VNI -> VLAN map ({@code switch_intents.vlans}). */
record StoredVlans(int schema, Map<String, Integer> vlans) implements StoredForm.Document {

    static final StoredForm<SortedMap<Vni, Integer>, StoredVlans> FORM =
            new StoredForm<>("VLAN map", StoredVlans.class, 1, StoredVlans::of, StoredVlans::byVni);

    static StoredVlans of(SortedMap<Vni, Integer> vlans) {
        Map<String, Integer> m = new TreeMap<>();
        vlans.forEach((vni, vlan) -> m.put(vni.toString(), vlan));
        return new StoredVlans(FORM.schema(), m);
    }

    SortedMap<Vni, Integer> byVni() {
        SortedMap<Vni, Integer> m = new TreeMap<>();
        if (vlans != null) {
            vlans.forEach((vni, vlan) -> m.put(Vni.parse(vni), vlan));
        }
        return m;
    }
}
