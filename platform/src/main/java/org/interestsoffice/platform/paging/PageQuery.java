package org.interestsoffice.platform.paging;

import java.util.Optional;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.swagger.v3.oas.annotations.Parameter;

/**
 * Which page of a list the caller asks for: its size ({@code limit}, bounded so that no request
 * reads a whole table) and where it starts ({@code cursor}, the {@code nextCursor} of the page
 * before). Bound from the query string with {@code @Valid @ParameterObject PageQuery page}; a limit
 * out of range is a 400 naming {@code limit}, a cursor this list did not issue a 400 naming
 * {@code cursor}.
 */
public record PageQuery(
    @Parameter(description = "Rows per page, 1 to " + PageQuery.MAX_LIMIT + "; " + PageQuery.DEFAULT_LIMIT + " when absent")
        @Min(1)
        @Max(MAX_LIMIT)
        Integer limit,
    @Parameter(description = "The nextCursor of the previous page; absent for the first page") String cursor) {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;

  /** The first page of this size. */
  public static PageQuery first(int limit) {
    return new PageQuery(limit, null);
  }

  public int size() {
    return limit == null ? DEFAULT_LIMIT : limit;
  }

  /** How many rows the query reads: one more than the page shows, to know whether another follows. */
  public int fetchSize() {
    return size() + 1;
  }

  /**
   * The sort key ({@code parts} parts) of the last row of the named list's previous page; empty for
   * the first page.
   */
  Optional<PageCursor> after(String list, int parts) {
    return cursor == null || cursor.isEmpty() ? Optional.empty() : Optional.of(PageCursor.decode(cursor, list, parts));
  }
}
