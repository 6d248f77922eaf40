package io.metalstack.peering.model.ipam;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressSeqRange;
import io.metalstack.peering.model.AddressFamily;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.IpPrefix;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Allocates child prefixes from a super network's prefixes. Walks the gaps between the (sorted) existing
 * children once, so the cost grows with the number of children, never with the size of the address space.
 */
public final class Ipam {

    private Ipam() {}

    /**
     * The lowest free prefix of {@code length} in {@code family} inside one of {@code parents} that overlaps
     * none of {@code taken}; 422 when none is left.
     */
    public static IpPrefix allocate(List<IpPrefix> parents, List<IpPrefix> taken, AddressFamily family, int length) {
        List<IpPrefix> pool = parents.stream().filter(p -> p.family() == family).sorted().toList();
        if (pool.isEmpty()) {
            throw new DomainException.Unprocessable(String.format(
                    "the super network has no %s prefix: allocate without %s or add an %s prefix to the super network",
                    family.label(), family.label(), family.label()));
        }
        if (length < 0 || length > family.bits()) {
            throw DomainException.invalid("prefix length %d is invalid for %s: use 0..%d", length, family.label(), family.bits());
        }
        List<IpPrefix> used = taken.stream().filter(p -> p.family() == family).sorted().toList();
        for (IpPrefix parent : pool) {
            if (parent.length() > length) {
                continue;
            }
            Optional<IpPrefix> found = firstFree(parent, used, length);
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw new DomainException.Unprocessable(String.format(
                "no free /%d left in %s of the super network (%d prefixes in use): free unused networks or add a prefix to the super network",
                length, pool.stream().map(IpPrefix::toString).collect(Collectors.joining(", ")), used.size()));
    }

    private static Optional<IpPrefix> firstFree(IpPrefix parent, List<IpPrefix> used, int length) {
        IPAddress cursor = lower(parent.block());
        IPAddress end = upper(parent.block());
        for (IpPrefix u : used) {
            IPAddress uLow = lower(u.block());
            IPAddress uHigh = upper(u.block());
            if (uHigh.compareTo(cursor) < 0 || !parent.overlaps(u)) {
                continue;
            }
            if (uLow.compareTo(cursor) > 0) {
                Optional<IpPrefix> hit = fit(cursor.spanWithRange(uLow.increment(-1)), length);
                if (hit.isPresent()) {
                    return hit;
                }
            }
            if (uHigh.compareTo(end) >= 0) {
                return Optional.empty();
            }
            cursor = uHigh.increment(1);
        }
        return fit(cursor.spanWithRange(end), length);
    }

    /** The first prefix block of the given length that lies wholly inside {@code range}. */
    private static Optional<IpPrefix> fit(IPAddressSeqRange range, int length) {
        IPAddress[] blocks = range.spanWithPrefixBlocks();
        return java.util.Arrays.stream(blocks)
                .filter(b -> blockLength(b) <= length)
                .min(Comparator.comparing(IPAddress::getLower))
                .map(b -> IpPrefix.of(b.getLower().setPrefixLength(length, false).toPrefixBlock()));
    }

    private static int blockLength(IPAddress block) {
        Integer l = block.getNetworkPrefixLength();
        return l == null ? block.getBitCount() : l;
    }

    private static IPAddress lower(IPAddress block) {
        return block.getLower().withoutPrefixLength();
    }

    private static IPAddress upper(IPAddress block) {
        return block.getUpper().withoutPrefixLength();
    }
}
