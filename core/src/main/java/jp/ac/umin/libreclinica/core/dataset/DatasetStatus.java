package jp.ac.umin.libreclinica.core.dataset;

/** Whether a dataset is offered; a removed one can be restored. */
public enum DatasetStatus {
  AVAILABLE,
  REMOVED;

  public String messageKey() {
    return "dataset.status." + name();
  }
}
