package jp.ac.umin.libreclinica.core.casebook;

import java.util.Map;
import jp.ac.umin.libreclinica.core.event.SubjectEventStatus;
import jp.ac.umin.libreclinica.core.subject.SubjectStatus;

/**
 * What the subject matrix shows: filters (each optional), sort and page.
 *
 * @param search part of a subject ID or secondary ID, as typed (full-width is folded)
 * @param siteId only subjects of this site (or of the study level, when it is the study)
 * @param groupId only subjects assigned to this group
 * @param eventStatus per event definition id, only subjects whose event has this status
 */
public record MatrixQuery(
    String search,
    Long siteId,
    SubjectStatus status,
    Long groupId,
    Map<Long, SubjectEventStatus> eventStatus,
    MatrixSort sort,
    boolean descending,
    int page,
    int size) {

  public static final int MAX_SIZE = 200;

  public MatrixQuery {
    eventStatus = eventStatus == null ? Map.of() : Map.copyOf(eventStatus);
    sort = sort == null ? MatrixSort.LABEL : sort;
    page = Math.max(page, 0);
    size = size < 1 ? 50 : Math.min(size, MAX_SIZE);
  }

  /** The first page of 50, by subject ID, unfiltered. */
  public static MatrixQuery firstPage() {
    return new MatrixQuery(null, null, null, null, Map.of(), MatrixSort.LABEL, false, 0, 50);
  }
}
