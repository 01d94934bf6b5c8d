package jp.ac.umin.libreclinica.core.demo;

/** What was generated, and how long it took. */
public record DemoDataSummary(
    long studyId,
    String studyOid,
    int sites,
    int eventDefinitions,
    int crfs,
    int subjects,
    int events,
    int eventCrfs,
    long itemValues,
    int files,
    long millis) {}
