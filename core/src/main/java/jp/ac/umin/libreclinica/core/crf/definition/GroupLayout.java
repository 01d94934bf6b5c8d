package jp.ac.umin.libreclinica.core.crf.definition;

/** How an item group is laid out: plain items, or a grid whose rows repeat. */
public enum GroupLayout {
  NON_REPEATING,
  GRID;

  public boolean repeating() {
    return this == GRID;
  }
}
