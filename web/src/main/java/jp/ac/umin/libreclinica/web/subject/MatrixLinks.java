package jp.ac.umin.libreclinica.web.subject;

import java.util.Map;
import java.util.TreeMap;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Links of the matrix page that keep the current filters: another page, another sort. Used by
 * the template as {@code @{${links.page(2)}}}.
 */
public final class MatrixLinks {

  private final String path;
  private final Map<String, String> params;

  MatrixLinks(String path, Map<String, String> params) {
    this.path = path;
    this.params = new TreeMap<>(params);
    this.params.values().removeIf(v -> v == null || v.isBlank());
  }

  public String page(int page) {
    return with(Map.of("page", String.valueOf(page)));
  }

  /** Sorting by a column; the same column again flips the direction. */
  public String sort(String column) {
    boolean desc = column.equals(params.get("sort")) && !"desc".equals(params.get("dir"));
    return with(Map.of("sort", column, "dir", desc ? "desc" : "asc", "page", "0"));
  }

  private String with(Map<String, String> changes) {
    Map<String, String> all = new TreeMap<>(params);
    all.putAll(changes);
    UriComponentsBuilder b = UriComponentsBuilder.fromPath(path);
    all.forEach(b::queryParam);
    return b.encode().build().toUriString();
  }
}
