package org.interestsoffice.platform.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.interestsoffice.platform.web.ProblemException;
import org.junit.jupiter.api.Test;

class PagingTest {

  record Row(String name, UUID id) {}

  @Test
  void aCursorCarriesItsSortKeyThroughTheUrlUnchanged() {
    Instant at = Instant.parse("2019-01-23T20:00:00.123456Z");
    UUID id = UUID.randomUUID();
    String encoded = PageCursor.of("alerts", at, id).encode();

    assertThat(encoded).matches("[A-Za-z0-9_-]+");
    PageCursor decoded = new PageQuery(10, encoded).after("alerts", 2).orElseThrow();
    assertThat(decoded.instant(0)).isEqualTo(at);
    assertThat(decoded.uuid(1)).isEqualTo(id);
    assertThat(PageCursor.of("staff", "Ñúñez, José & Co/?=", id).encode())
        .satisfies(text -> assertThat(new PageQuery(null, text).after("staff", 2).orElseThrow().text(0)).isEqualTo("Ñúñez, José & Co/?="));
  }

  @Test
  void theFirstPageHasNoCursorAndTheSizeDefaultsToFifty() {
    assertThat(new PageQuery(null, null).after("alerts", 2)).isEmpty();
    assertThat(new PageQuery(null, "").after("alerts", 2)).isEmpty();
    assertThat(new PageQuery(null, null).size()).isEqualTo(PageQuery.DEFAULT_LIMIT).isEqualTo(50);
    assertThat(PageQuery.first(7).fetchSize()).isEqualTo(8);
  }

  @Test
  void aCursorOfAnotherListOrShapeOrNoCursorAtAllIsRefusedNamingTheParameter() {
    UUID id = UUID.randomUUID();
    String staffCursor = PageCursor.of("staff", "Jane Doe", id).encode();
    String[] refused = {
      staffCursor.substring(0, staffCursor.length() - 3),
      "not base64!",
      Base64.getUrlEncoder().encodeToString("garbage".getBytes()),
      PageCursor.of("alerts", "yesterday", id).encode(),
      PageCursor.of("alerts", Instant.now(), "not-an-id").encode(),
      PageCursor.of("alerts", Instant.now(), id, "extra").encode(),
      staffCursor,
      "A".repeat(5000)
    };
    for (String cursor : refused) {
      assertThatThrownBy(() -> {
            PageCursor key = new PageQuery(null, cursor).after("alerts", 2).orElseThrow();
            key.instant(0);
            key.uuid(1);
          })
          .as(cursor)
          .isInstanceOfSatisfying(
              ProblemException.class,
              problem -> {
                assertThat(problem.status()).isEqualTo(400);
                assertThat(problem.properties().get("errors").toString()).contains("field=cursor");
              });
    }
  }

  @Test
  void aPageShowsAtMostItsSizeAndPointsAfterItsLastRowOnlyWhenMoreFollow() {
    List<Row> rows = List.of(new Row("Ana", UUID.randomUUID()), new Row("Bruno", UUID.randomUUID()), new Row("Carla", UUID.randomUUID()));

    Page<Row> full = Page.of(rows, PageQuery.first(2), row -> PageCursor.of("staff", row.name(), row.id()));
    assertThat(full.items()).containsExactly(rows.get(0), rows.get(1));
    PageCursor next = new PageQuery(2, full.nextCursor()).after("staff", 2).orElseThrow();
    assertThat(next.text(0)).isEqualTo("Bruno");
    assertThat(next.uuid(1)).isEqualTo(rows.get(1).id());

    Page<Row> last = Page.of(rows.subList(0, 2), PageQuery.first(2), row -> PageCursor.of("staff", row.name(), row.id()));
    assertThat(last.items()).hasSize(2);
    assertThat(last.nextCursor()).isNull();
    assertThat(last.map(Row::name).items()).containsExactly("Ana", "Bruno");
  }
}
