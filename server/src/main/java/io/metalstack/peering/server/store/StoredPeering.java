package io.metalstack.peering.server.store;

import io.metalstack.peering.model.Approval;
import io.metalstack.peering.model.Asn;
import io.metalstack.peering.model.BgpPeer;
import io.metalstack.peering.model.ExchangedPrefixes;
import io.metalstack.peering.model.InterfaceAddress;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.Labels;
import io.metalstack.peering.model.NetworkId;
import io.metalstack.peering.model.PartitionId;
import io.metalstack.peering.model.Peering;
import io.metalstack.peering.model.PeeringId;
import io.metalstack.peering.model.PeeringOrigin;
import io.metalstack.peering.model.PeeringType;
import io.metalstack.peering.model.PortName;
import io.metalstack.peering.model.ProjectId;
import io.metalstack.peering.model.SwitchId;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.metalstack.peering.server.store.StoredForm.optional;
import static io.metalstack.peering.server.store.StoredForm.parsed;
import static io.metalstack.peering.server.store.StoredForm.text;
import static io.metalstack.peering.server.store.StoredForm.texts;

/**
 * The document of a stored {@link Peering}, field for field in the model's order and names. A field added to the model
 * is added here, in {@link #of} and in {@link #peering}; documents written before it lack it, so read its null as the
 * default (as {@code parsed} does for a list). The bgp password is kept (the exit switch needs it); only the intent of
 * that switch carries it on.
 */
record StoredPeering(int schema, String id, String name, String description, String project, String partition,
                     String network1, String network2, String type, Bgp bgp, String origin, Map<String, String> labels,
                     Instant created, Instant changed, boolean enabled, String approval, Exchange exchange) implements StoredForm.Document {

    /** Recently read documents kept decoded: an admission reads a network's peerings and their networks. */
    private static final int MEMO = 4_096;

    static final StoredForm<Peering, StoredPeering> FORM =
            new StoredForm<>("peering", StoredPeering.class, 1, StoredPeering::of, StoredPeering::peering, MEMO);

    static StoredPeering of(Peering p) {
        return new StoredPeering(FORM.schema(), p.id().value(), p.name(), p.description(), text(p.project()), text(p.partition()),
                p.network1().value(), text(p.network2()), p.type().wire(), p.bgp().map(Bgp::of).orElse(null), p.origin().wire(),
                p.labels().values(), p.created(), p.changed(), p.enabled(),
                p.approval() == Approval.NONE ? null : p.approval().wire(), p.exchange().all() ? null : Exchange.of(p.exchange()));
    }

    Peering peering() {
        return new Peering(PeeringId.parse(id), name, description, optional(project, ProjectId::parse),
                optional(partition, PartitionId::parse), NetworkId.parse(network1), optional(network2, NetworkId::parse),
                PeeringType.parse(type), Optional.ofNullable(bgp).map(Bgp::peer), PeeringOrigin.parse(origin), Labels.of(labels),
                created, changed, enabled, approval == null ? Approval.NONE : Approval.parse(approval),
                exchange == null ? ExchangedPrefixes.ALL : exchange.prefixes());
    }

    /** An {@link ExchangedPrefixes} but {@code ALL} (stored as no block), field for field; a side all of its prefixes is null. */
    record Exchange(List<String> network1, List<String> network2) {

        static Exchange of(ExchangedPrefixes e) {
            return new Exchange(e.network1().map(StoredForm::texts).orElse(null), e.network2().map(StoredForm::texts).orElse(null));
        }

        ExchangedPrefixes prefixes() {
            return new ExchangedPrefixes(Optional.ofNullable(network1).map(l -> parsed(l, IpPrefix::parse)),
                    Optional.ofNullable(network2).map(l -> parsed(l, IpPrefix::parse)));
        }
    }

    /** A {@link BgpPeer}, field for field. */
    record Bgp(long localAs, String localCidr, String localSwitch, String localPort, long remoteAs, String remoteCidr,
               int maxPrefixes, boolean bfd, String password, List<String> importPrefixes, List<String> exportPrefixes) {

        static Bgp of(BgpPeer b) {
            return new Bgp(b.localAs().value(), b.localCidr().toString(), b.localSwitch().value(), b.localPort().value(),
                    b.remoteAs().value(), b.remoteCidr().toString(), b.maxPrefixes(), b.bfd(),
                    b.password().map(BgpPeer.Password::secret).orElse(null), texts(b.importPrefixes()), texts(b.exportPrefixes()));
        }

        BgpPeer peer() {
            return new BgpPeer(Asn.of(localAs), InterfaceAddress.parse(localCidr), SwitchId.parse(localSwitch), PortName.parse(localPort),
                    Asn.of(remoteAs), InterfaceAddress.parse(remoteCidr), maxPrefixes, bfd,
                    Optional.ofNullable(password).map(BgpPeer.Password::of), parsed(importPrefixes, IpPrefix::parse),
                    parsed(exportPrefixes, IpPrefix::parse));
        }

        /** Bgp's toString would show the password: never print it. */
        @Override
        public String toString() {
            return "Bgp[" + localPort + "@" + localSwitch + ", password " + (password == null ? "none" : "redacted") + "]";
        }
    }
}
