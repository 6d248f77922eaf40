package io.metalstack.peering.frr;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrrNameTest {
    /** The grammar FrrName checks by hand, as a regular expression: the two must agree on every string. */
    private static final Pattern GRAMMAR = Pattern.compile("[A-Za-z0-9][A-Za-z0-9/._:-]{0,62}");
    private static final String ALPHABET = "aZ09/._:- \t\n!\"'{}$;#\u00e9\u0000\u2028";

    @Test
    void acceptsExactlyWhatTheGrammarAccepts() {
        Random random = new Random(7);
        int accepted = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(70);
            for (int k = 0; k < length; k++) {
                text.append(ALPHABET.charAt(random.nextInt(random.nextInt(4) == 0 ? ALPHABET.length() : 9)));
            }
            String value = text.toString();
            if (GRAMMAR.matcher(value).matches()) {
                accepted++;
                assertThat(FrrName.of(value).value()).isEqualTo(value);
            } else {
                assertThatThrownBy(() -> FrrName.of(value)).as("%s", value).isInstanceOf(IllegalArgumentException.class);
            }
        }
        assertThat(accepted).isGreaterThan(500);
        assertThat(FrrName.of("a".repeat(63)).value()).hasSize(63);
        assertThatThrownBy(() -> FrrName.of("a".repeat(64))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FrrName.of(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FrrName.of("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FrrName.of("-a")).isInstanceOf(IllegalArgumentException.class);
    }
}
