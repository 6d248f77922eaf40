package io.metalstack.peering.api;

import com.fasterxml.jackson.annotation.JsonAlias;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A network. {@code networktype}: super, underlay, external, child, child-shared. {@code defaultchildprefixlength}
 * maps "IPv4"/"IPv6" to the child length of a super network. {@code shared} is derived (child-shared).
 * {@code additionalannouncablecidrs} (metal-api also spells it {@code additionalAnnouncableCIDRs}): pod and service
 * CIDRs the network's machines may announce; on a super network for all its children.
 */
public record V1Network(String id, String name, String description, String partitionid, String projectid,
                        String parentnetworkid, String networktype, List<String> prefixes,
                        List<String> destinationprefixes, Integer vrf, Map<String, Integer> defaultchildprefixlength,
                        Boolean nat, Boolean shared, Map<String, String> labels, Instant created, Instant changed,
                        @JsonAlias("additionalAnnouncableCIDRs") List<String> additionalannouncablecidrs) {
    public V1Network(String id, String name, String description, String partitionid, String projectid,
                     String parentnetworkid, String networktype, List<String> prefixes,
                     List<String> destinationprefixes, Integer vrf, Map<String, Integer> defaultchildprefixlength,
                     Boolean nat, Boolean shared, Map<String, String> labels, Instant created, Instant changed) {
        this(id, name, description, partitionid, projectid, parentnetworkid, networktype, prefixes, destinationprefixes, vrf,
                defaultchildprefixlength, nat, shared, labels, created, changed, null);
    }
}
