package jp.ac.umin.libreclinica.core.crf;

/** Whether a CRF version can be used; removal is soft and can be undone. */
public enum CrfVersionStatus {
  AVAILABLE,
  REMOVED;

  /** The message key of the status's name ({@code crf.status.available}). */
  public String messageKey() {
    return "crf.status." + name().toLowerCase(java.util.Locale.ROOT);
  }
}
