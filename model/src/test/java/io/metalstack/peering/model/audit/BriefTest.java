package io.metalstack.peering.model.audit;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class BriefTest {

    record Session(long remoteAs, Optional<String> password) {}

    record Thing(String name, String description, Optional<Session> bgp, String secretHash, boolean enabled, Instant changed) {}

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void namesWhatChangedOldToNewAndNeverASecret() {
        Thing before = new Thing("a", "x".repeat(100), Optional.of(new Session(65001, Optional.of("pw-1"))), "h1", true, T0);
        Thing after = new Thing("b", "y".repeat(100), Optional.of(new Session(65002, Optional.of("pw-2"))), "h2", false, T0.plusSeconds(1));
        String brief = Brief.of(Optional.of(before), after);
        assertThat(brief).isEqualTo("name: a → b; description changed; bgp.remoteAs: 65001 → 65002; bgp.password changed;"
                + " secretHash changed; enabled: true → false");
        assertThat(brief).doesNotContain("pw-", "h1", "h2");
    }

    @Test
    void aCreateOrDeleteShowsItsShortFieldsWithoutSecrets() {
        Thing t = new Thing("a", "", Optional.of(new Session(65001, Optional.of("pw-1"))), "h1", true, T0);
        assertThat(Brief.of(Optional.empty(), t)).isEqualTo("name: a; bgp.remoteAs: 65001; enabled: true");
        assertThat(Brief.deleted(t)).isEqualTo(Brief.of(Optional.empty(), t));
    }

    record Id(String value) {}

    record Tagged(Id id, List<String> tags, Optional<Id> parent) {}

    @Test
    void aValueOfOneFieldShowsAsThatFieldAndEmptyOnesAreLeftOutOfACreate() {
        assertThat(Brief.of(Optional.empty(), new Tagged(new Id("n1"), List.of(), Optional.empty()))).isEqualTo("id: n1");
        assertThat(Brief.of(Optional.of(new Tagged(new Id("n1"), List.of(), Optional.empty())),
                new Tagged(new Id("n1"), List.of("a"), Optional.of(new Id("p"))))).isEqualTo("tags: [] → [a]; parent: (none) → p");
    }

    @Test
    void anUnchangedRecordSaysSoAndABriefIsBounded() {
        Thing t = new Thing("a", "", Optional.empty(), "h1", true, T0);
        assertThat(Brief.of(Optional.of(t), t)).isEqualTo("nothing changed");
        assertThat(new AuditEvent.Entry(AuditAction.UPDATE, AuditKind.TOKEN, "a", List.of(), "z".repeat(2000)).at(T0, "tok", "admin").brief())
                .hasSize(AuditEvent.BRIEF_MAX).endsWith("...");
    }
}
