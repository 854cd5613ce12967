package org.interestsoffice.platform.paging;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;

/**
 * One page of a table read in keyset order: by a sort column, then by {@code id}, starting after
 * the row the cursor names and reading one row more than the page shows. Each paged list says
 * which column it sorts by; the clause, its parameters and the next cursor are the same for all.
 */
public final class KeysetPage {

  private final PageQuery query;
  private final String list;
  private final String sortColumn;
  private final Optional<PageCursor> after;
  private final Function<PageCursor, Object> sortValue;

  private KeysetPage(PageQuery query, String list, String sortColumn, Function<PageCursor, Object> sortValue) {
    this.query = query;
    this.list = list;
    this.sortColumn = sortColumn;
    this.sortValue = sortValue;
    this.after = query.after(list, 2);
    // Decoded now, so that a cursor of the wrong shape is refused before any query runs.
    after.ifPresent(cursor -> {
      sortValue.apply(cursor);
      cursor.uuid(1);
    });
  }

  /** The list sorts by a timestamp column, then id. */
  public static KeysetPage byInstant(PageQuery query, String list, String sortColumn) {
    return new KeysetPage(query, list, sortColumn, cursor -> Timestamp.from(cursor.instant(0)));
  }

  /** The list sorts by a text column (in the column's collation), then id. */
  public static KeysetPage byText(PageQuery query, String list, String sortColumn) {
    return new KeysetPage(query, list, sortColumn, cursor -> cursor.text(0));
  }

  /** Ends a query whose where clause is written: the rows after the cursor, in order, a page and one. */
  public String orderAndLimit() {
    return (after.isPresent() ? " and (" + sortColumn + ", id) > (:keysetAfter, :keysetAfterId)" : "")
        + "\norder by " + sortColumn + ", id\nlimit :keysetFetch";
  }

  /** Binds what {@link #orderAndLimit()} refers to. */
  public StatementSpec bind(StatementSpec statement) {
    after.ifPresent(cursor -> statement.param("keysetAfter", sortValue.apply(cursor)).param("keysetAfterId", cursor.uuid(1)));
    return statement.param("keysetFetch", query.fetchSize());
  }

  /** The page out of the rows read, with the cursor after its last row when more follow. */
  public <T> Page<T> page(List<T> rows, Function<T, Object> sortKey, Function<T, UUID> id) {
    return Page.of(rows, query, row -> PageCursor.of(list, sortKey.apply(row), id.apply(row)));
  }
}
