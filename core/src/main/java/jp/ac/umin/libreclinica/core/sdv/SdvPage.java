package jp.ac.umin.libreclinica.core.sdv;

import java.util.List;

/** A page of the SDV list with the total matching the filters. */
public record SdvPage(List<SdvRow> rows, int page, int size, long total) {

  public int totalPages() {
    return (int) Math.max(1, (total + size - 1) / size);
  }

  public boolean hasNext() {
    return (long) (page + 1) * size < total;
  }

  public boolean hasPrevious() {
    return page > 0;
  }
}
