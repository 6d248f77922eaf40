package io.metalstack.peering.server.service;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link Page#collect}: pages are full while visible items follow, each item once, and a page reads a page. */
class PageTest {

    /** Rows "r000".."r099" in id order, read as a database would (after an id, at most n). */
    private static final List<String> ROWS = IntStream.range(0, 100).mapToObj(i -> String.format("r%03d", i)).toList();

    private final List<Integer> reads = new ArrayList<>();

    private final BiFunction<Optional<String>, Integer, List<String>> table = (after, n) -> {
        reads.add(n);
        return ROWS.stream().filter(r -> after.map(a -> r.compareTo(a) > 0).orElse(true)).limit(n).toList();
    };

    private List<List<String>> all(int limit, Function<String, Optional<String>> view) {
        List<List<String>> pages = new ArrayList<>();
        Optional<String> after = Optional.empty();
        do {
            Page<String> p = Page.collect(new Page.Request(after, OptionalInt.of(limit)), table, r -> r, view);
            pages.add(p.items());
            after = p.next();
        } while (after.isPresent());
        return pages;
    }

    @Test
    void pagesOfKYieldEveryRowOnceInOrderAndAPageReadsOnlyOneMoreRow() {
        List<List<String>> pages = all(7, Optional::of);
        assertThat(pages.stream().flatMap(List::stream).toList()).isEqualTo(ROWS);
        assertThat(pages).hasSize(15);
        assertThat(pages.subList(0, 14)).allSatisfy(p -> assertThat(p).hasSize(7));
        assertThat(reads).as("one read of limit + 1 rows per page").hasSize(15).containsOnly(8);
    }

    @Test
    void aCallerSeeingFewRowsStillGetsFullPagesAndNothingElse() {
        // sees every 10th row: a read of limit + 1 rows holds too few, so the page reads on
        List<List<String>> pages = all(3, r -> Optional.of(r).filter(x -> x.endsWith("0")));
        assertThat(pages).containsExactly(List.of("r000", "r010", "r020"), List.of("r030", "r040", "r050"),
                List.of("r060", "r070", "r080"), List.of("r090"));
    }

    @Test
    void withoutLimitItIsOneReadOfAll() {
        Page<String> p = Page.collect(Page.Request.ALL, table, r -> r, Optional::of);
        assertThat(p.items()).isEqualTo(ROWS);
        assertThat(p.next()).isEmpty();
        assertThat(reads).hasSize(1);
    }

    @Test
    void thePageEndingExactlyAtTheLastVisibleRowHasNoNext() {
        Page<String> p = Page.collect(new Page.Request(Optional.of("r089"), OptionalInt.of(10)), table, r -> r, Optional::of);
        assertThat(p.items()).hasSize(10);
        assertThat(p.next()).isEmpty();
    }
}
