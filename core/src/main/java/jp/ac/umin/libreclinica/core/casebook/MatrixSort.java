package jp.ac.umin.libreclinica.core.casebook;

/** The columns the subject matrix can be sorted by. */
public enum MatrixSort {
  LABEL("ss.label"),
  SECONDARY_LABEL("ss.secondary_label"),
  SITE("st.protocol_id"),
  STATUS("ss.status"),
  ENROLLMENT_DATE("ss.enrollment_date");

  private final String column;

  MatrixSort(String column) {
    this.column = column;
  }

  String column() {
    return column;
  }
}
