package io.metalstack.peering.model.plan;

import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.Labels;
import io.metalstack.peering.model.Network;
import io.metalstack.peering.model.NetworkId;
import io.metalstack.peering.model.NetworkType;
import io.metalstack.peering.model.PartitionId;
import io.metalstack.peering.model.Peering;
import io.metalstack.peering.model.PeeringId;
import io.metalstack.peering.model.PeeringOrigin;
import io.metalstack.peering.model.PeeringType;
import io.metalstack.peering.model.ProjectId;
import io.metalstack.peering.model.Vni;
import io.metalstack.peering.model.rules.ImportJustification;
import io.metalstack.peering.model.rules.ImportReason;
import io.metalstack.peering.model.rules.PeeringGraph;
import io.metalstack.peering.model.rules.PeeringRules;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Admission and the planner draw the project boundary with one rule ({@link ImportJustification}): for every kind of
 * pair that passes the other admission rules, {@link PeeringRules} admits it exactly when the planner finds a reason
 * for its imports, and the agent accepts that reason. Two external networks are left out: "at least one private
 * network" refuses them, which is not a boundary matter.
 */
class BoundaryAgreementTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final String ACROSS = "peering across projects is allowed only into a shared network or a peerable external network";

    static Stream<Arguments> pairs() {
        return Stream.of(
                arguments("one project", child("a", "p1", false), child("b", "p1", false), Optional.of(ImportReason.SAME_PROJECT)),
                arguments("two projects", child("a", "p1", false), child("b", "p2", false), Optional.empty()),
                arguments("into a shared network", child("a", "p1", false), child("b", "p2", true), Optional.of(ImportReason.SHARED)),
                arguments("from a shared network", child("a", "p2", true), child("b", "p1", false), Optional.of(ImportReason.SHARED)),
                arguments("two shared networks", child("a", "p1", true), child("b", "p2", true), Optional.of(ImportReason.SHARED)),
                arguments("one without project", child("a", "p1", false), child("b", null, false), Optional.empty()),
                arguments("both without project", child("a", null, false), child("b", null, false), Optional.empty()),
                arguments("shared without project", child("a", null, true), child("b", "p1", false), Optional.of(ImportReason.SHARED)),
                arguments("peerable external", child("a", "p1", false), internet(true), Optional.of(ImportReason.EXTERNAL)),
                arguments("shared and peerable external", internet(true), child("b", "p2", true), Optional.of(ImportReason.EXTERNAL)),
                arguments("unmarked external", child("a", "p1", false), internet(false), Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void admissionAdmitsExactlyWhatThePlannerAndTheAgentJustify(String kind, Network a, Network b, Optional<ImportReason> expected) {
        PeeringRules rules = new PeeringRules(PeeringRules.DEFAULT_QUOTA);
        PeeringType type = a.type() == NetworkType.EXTERNAL || b.type() == NetworkType.EXTERNAL ? PeeringType.EXTERNAL : PeeringType.LOCAL;
        Peering p = new Peering(PeeringId.parse("p"), "p", "", a.project(), a.partition(), a.id(), b.id(), type,
                Optional.empty(), PeeringOrigin.MANUAL, Labels.EMPTY, T, T);
        if (expected.isPresent()) {
            assertThat(rules.admit(a, b, type, graph(a, b)).families()).as(kind).isNotEmpty();
            assertThat(Planner.reason(p, a, b)).as(kind).isEqualTo(expected.get());
            assertThat(ImportJustification.mismatch(expected.get(), ImportJustification.Facts.of(a), ImportJustification.Facts.of(b)))
                    .as(kind).isEmpty();
        } else {
            assertThatThrownBy(() -> rules.admit(a, b, type, graph(a, b))).as(kind).isInstanceOf(DomainException.Unprocessable.class);
            assertThatThrownBy(() -> Planner.reason(p, a, b)).as(kind).isInstanceOf(DomainException.Unprocessable.class)
                    .hasMessageContaining("is refused");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void twoPrivateNetworksWithoutAReasonAreRefusedWithTheProjectMessage(String kind, Network a, Network b, Optional<ImportReason> expected) {
        if (expected.isEmpty() && a.type().isPrivate() && b.type().isPrivate()) {
            assertThatThrownBy(() -> new PeeringRules(PeeringRules.DEFAULT_QUOTA).admit(a, b, PeeringType.LOCAL, graph(a, b)))
                    .as(kind).hasMessage(String.format("%s belongs to project %s, %s to project %s: %s", a.describe(),
                            a.project().map(Object::toString).orElse("(none)"), b.describe(),
                            b.project().map(Object::toString).orElse("(none)"), ACROSS));
        }
    }

    private static Network child(String id, String project, boolean shared) {
        int n = id.charAt(0) - 'a';
        return new Network(NetworkId.parse(id), id, "", Optional.of(PartitionId.parse("fra")),
                Optional.ofNullable(project).map(ProjectId::parse), Optional.empty(),
                shared ? NetworkType.CHILD_SHARED : NetworkType.CHILD,
                List.of(IpPrefix.parse("10.0." + 4 * n + ".0/22"), IpPrefix.parse("2001:db8:" + (n + 1) + "::/48")), List.of(),
                Optional.of(Vni.of(100 + n)), Map.of(), false, Labels.EMPTY, T, T);
    }

    private static Network internet(boolean peerable) {
        return new Network(NetworkId.parse("internet"), "internet", "", Optional.empty(), Optional.empty(), Optional.empty(),
                NetworkType.EXTERNAL, List.of(), List.of(IpPrefix.parse("::/0")), Optional.of(Vni.of(104009)), Map.of(), true,
                peerable ? Labels.of(Map.of(Labels.PEERABLE, "true")) : Labels.EMPTY, T, T);
    }

    private static PeeringGraph graph(Network a, Network b) {
        return new PeeringGraph() {
            @Override
            public Network network(NetworkId id) {
                return id.equals(a.id()) ? a : b;
            }

            @Override
            public List<Peering> peeringsOf(NetworkId network) {
                return List.of();
            }
        };
    }
}
