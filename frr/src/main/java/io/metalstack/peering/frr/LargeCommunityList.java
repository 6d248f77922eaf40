package io.metalstack.peering.frr;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** A {@code bgp large-community-list standard} that permits routes carrying any of {@code members}. */
record LargeCommunityList(FrrName name, List<LargeCommunity> members) {
    LargeCommunityList {
        requireNonNull(name, "name is null");
        members = members.stream().sorted().distinct().toList();
        if (members.isEmpty()) {
            throw new IllegalArgumentException("large-community-list " + name + " has no members");
        }
    }
}
