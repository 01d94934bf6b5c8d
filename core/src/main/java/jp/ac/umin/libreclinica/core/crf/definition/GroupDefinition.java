package jp.ac.umin.libreclinica.core.crf.definition;

/**
 * An item group. {@code implicit} marks the {@code UNGROUPED} group that holds items without a
 * group label. {@code header} is sanitised HTML.
 */
public record GroupDefinition(
    String label,
    GroupLayout layout,
    String header,
    int repeatNumber,
    int repeatMax,
    boolean hidden,
    boolean implicit) {

  /** The label of the group that items without a group label belong to. */
  public static final String UNGROUPED = "UNGROUPED";

  /** LibreClinica's defaults when a grid leaves repeat number or maximum blank. */
  public static final int DEFAULT_REPEAT_NUMBER = 1;

  public static final int DEFAULT_REPEAT_MAX = 40;

  public static GroupDefinition ungrouped() {
    return new GroupDefinition(
        UNGROUPED, GroupLayout.NON_REPEATING, null, 1, 1, false, true);
  }
}
