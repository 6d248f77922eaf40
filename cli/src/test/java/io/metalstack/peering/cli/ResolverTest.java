package io.metalstack.peering.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResolverTest {
    record Thing(String id, String name) {}

    private final Resolver<Thing> resolver = new Resolver<>("network", Thing::id, Thing::name);
    private final List<Thing> all = List.of(new Thing("n-1", "privnet1"), new Thing("n-2", "storage"),
            new Thing("n-3", "storage"), new Thing("privnet1", "other"));

    @Test
    void idWinsOverName() {
        assertThat(resolver.resolve("privnet1", all)).isEqualTo(new Thing("privnet1", "other"));
        assertThat(resolver.resolve("n-2", all).id()).isEqualTo("n-2");
        assertThat(resolver.resolve("other", all).id()).isEqualTo("privnet1");
    }

    @Test
    void unknownListsCandidates() {
        assertThatThrownBy(() -> resolver.resolve("privnet9", all))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.REFUSED))
                .hasMessage("network \"privnet9\" not found: no network has this id or name; candidates: "
                        + "other (privnet1), privnet1 (n-1), storage (n-2), storage (n-3)");
        assertThatThrownBy(() -> resolver.resolve("x", List.of()))
                .hasMessageEndingWith("candidates: none (there is no network you can see)");
    }

    @Test
    void ambiguousListsTheMatches() {
        assertThatThrownBy(() -> resolver.resolve("storage", all))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.REFUSED))
                .hasMessage("network name \"storage\" is ambiguous: 2 networks have it, use an id: storage (n-2), storage (n-3)");
    }
}
