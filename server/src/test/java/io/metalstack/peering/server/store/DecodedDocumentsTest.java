package io.metalstack.peering.server.store;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The memo of decoded documents: each text its own value, decoded once while it is held, and never more than two generations held. */
class DecodedDocumentsTest {

    private final AtomicInteger decodes = new AtomicInteger();
    private final Function<String, String> decode = text -> {
        decodes.incrementAndGet();
        return "value of " + text;
    };

    @Test
    void aDocumentReadAgainIsNotDecodedAgainAndEachTextKeepsItsOwnValue() {
        DecodedDocuments<String> memo = new DecodedDocuments<>(16);
        assertThat(memo.get("{\"id\":\"a\"}", decode)).isEqualTo("value of {\"id\":\"a\"}");
        assertThat(memo.get("{\"id\":\"b\"}", decode)).isEqualTo("value of {\"id\":\"b\"}");
        assertThat(memo.get("{\"id\":\"a\"}", decode)).isEqualTo("value of {\"id\":\"a\"}");
        // the same entity changed: another text, another value (nothing to invalidate)
        assertThat(memo.get("{\"id\":\"a\",\"name\":\"x\"}", decode)).isEqualTo("value of {\"id\":\"a\",\"name\":\"x\"}");
        assertThat(decodes).hasValue(3);
    }

    @Test
    void holdsAtMostTwoGenerationsAndKeepsWhatIsReadOften() {
        DecodedDocuments<String> memo = new DecodedDocuments<>(8);
        for (int i = 0; i < 1_000; i++) {
            memo.get("doc " + i, decode);
            memo.get("hot", decode);
            assertThat(memo.size()).isLessThanOrEqualTo(16);
        }
        // read once per new document: carried from generation to generation, decoded once
        assertThat(decodes).hasValue(1_000 + 1);
    }

    @Test
    void aDocumentThatCannotBeDecodedIsNotKept() {
        DecodedDocuments<String> memo = new DecodedDocuments<>(8);
        Function<String, String> failing = text -> {
            decodes.incrementAndGet();
            throw new IllegalStateException("unreadable");
        };
        assertThatThrownBy(() -> memo.get("bad", failing)).hasMessage("unreadable");
        assertThatThrownBy(() -> memo.get("bad", failing)).hasMessage("unreadable");
        assertThat(decodes).hasValue(2);
        assertThat(memo.size()).isZero();
    }

    @Test
    void theStoredFormsReadTheirDocumentsThroughTheMemoAndGiveTheValueOfEachText() {
        assertThat(StoredPeering.FORM.decoded()).isPresent();
        assertThat(StoredNetwork.FORM.decoded()).isPresent();
        assertThat(StoredToken.FORM.decoded()).isPresent();
    }
}
