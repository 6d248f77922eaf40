package io.metalstack.peering.frr;

import io.metalstack.peering.model.AddressFamily;
import io.metalstack.peering.model.IpPrefix;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** An {@code ip prefix-list} (IPv4) or {@code ipv6 prefix-list} (IPv6); every entry is of the list's family. */
record PrefixList(FrrName name, AddressFamily family, List<Entry> entries) {
    PrefixList {
        requireNonNull(name, "name is null");
        requireNonNull(family, "family is null");
        entries = List.copyOf(entries);
        for (Entry e : entries) {
            if (e.prefix().family() != family) {
                throw new IllegalArgumentException("prefix-list " + name + " is " + family + " but has " + e.prefix());
            }
        }
    }

    /**
     * One line: {@code seq N permit|deny PREFIX [le LE]}.
     *
     * @param le when present, more specifics up to this length match too; when empty, only the exact prefix
     */
    record Entry(int seq, Action action, IpPrefix prefix, Optional<Integer> le) {
        Entry {
            requireNonNull(action, "action is null");
            requireNonNull(prefix, "prefix is null");
            requireNonNull(le, "le is null");
            if (seq < 1) {
                throw new IllegalArgumentException("seq must be >= 1: " + seq);
            }
            le.ifPresent(l -> {
                if (l < prefix.length() || l > prefix.family().bits()) {
                    throw new IllegalArgumentException("le " + l + " outside " + prefix.length() + ".." + prefix.family().bits());
                }
            });
        }
    }
}
