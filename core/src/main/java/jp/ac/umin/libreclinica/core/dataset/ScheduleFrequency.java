package jp.ac.umin.libreclinica.core.dataset;

/** How often a dataset is extracted by itself. */
public enum ScheduleFrequency {
  NONE,
  DAILY,
  WEEKLY;

  public String messageKey() {
    return "dataset.schedule." + name();
  }
}
