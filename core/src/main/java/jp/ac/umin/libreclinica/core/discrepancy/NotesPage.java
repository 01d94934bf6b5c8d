package jp.ac.umin.libreclinica.core.discrepancy;

import java.util.List;
import java.util.Map;

/**
 * A page of the notes view with the counts by status of all threads matching the filters
 * (status aside), and the total matching all filters.
 */
public record NotesPage(List<NoteRow> rows, int page, int size, long total, Map<NoteStatus, Long> countsByStatus) {

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
