package io.metalstack.peering.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TableTest {
    private final Table table = Table.of(List.of("id", "name", "labels"), List.of(
            List.of("p-1", "privnet1-to-storage", "a=b\nauto-peer=true"),
            List.of("p-22", "x", "")));

    @Test
    void plainHasNoBordersTwoSpaceGapUpperCaseHeaderAndNoTrailingBlanks() {
        assertThat(table.render(true)).isEqualTo("""
                ID    NAME                 LABELS
                p-1   privnet1-to-storage  a=b
                                           auto-peer=true
                p-22  x
                """);
    }

    @Test
    void noHeadersOmitsTheHeaderLineAndItsWidth() {
        assertThat(Table.of(List.of("identifier", "n"), List.of(List.of("a", "b"))).render(false)).isEqualTo("a  b\n");
    }

    @Test
    void markdownIsPipeDelimitedWithSeparatorAndEscapes() {
        Table t = Table.of(List.of("id", "labels"), List.of(List.of("a|b", "x=1\ny=2")));
        assertThat(t.renderMarkdown(true)).isEqualTo("""
                | ID   | LABELS     |
                |------|------------|
                | a\\|b | x=1<br>y=2 |
                """);
        assertThat(t.renderMarkdown(false)).isEqualTo("| a\\|b | x=1<br>y=2 |\n");
    }

    @Test
    void emptyTableIsJustTheHeader() {
        assertThat(Table.of(List.of("id", "name"), List.of()).render(true)).isEqualTo("ID  NAME\n");
        assertThat(Table.of(List.of("id", "name"), List.of()).render(false)).isEmpty();
    }

    @Test
    void rowOfWrongWidthIsABug() {
        assertThatThrownBy(() -> Table.of(List.of("a", "b"), List.of(List.of("1"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 cells");
    }
}
