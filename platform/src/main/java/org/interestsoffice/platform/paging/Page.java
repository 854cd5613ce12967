package org.interestsoffice.platform.paging;

import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One page of a list, the same shape for every list of the platform: the rows, and the cursor that
 * asks for the rows after them ({@code null} on the last page).
 */
@Schema(description = "One page of a list; ask for the next with cursor=nextCursor until nextCursor is null")
public record Page<T>(
    List<T> items,
    @JsonInclude(JsonInclude.Include.ALWAYS)
        @Schema(
            description = "Opaque; pass it as the cursor parameter to read the next page. Null on the last page.",
            requiredMode = Schema.RequiredMode.REQUIRED,
            nullable = true)
        String nextCursor) {

  public Page {
    items = List.copyOf(items);
  }

  /**
   * The page out of the rows a query read with {@link PageQuery#fetchSize()}: one row more than the
   * page holds says that there is a next page, which starts after the last row shown.
   */
  public static <T> Page<T> of(List<T> rows, PageQuery query, Function<T, PageCursor> sortKey) {
    if (rows.size() <= query.size()) {
      return new Page<>(rows, null);
    }
    List<T> shown = rows.subList(0, query.size());
    return new Page<>(shown, sortKey.apply(shown.get(shown.size() - 1)).encode());
  }

  public <R> Page<R> map(Function<T, R> view) {
    return new Page<>(items.stream().map(view).toList(), nextCursor);
  }
}
