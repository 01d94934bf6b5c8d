package jp.ac.umin.libreclinica.core.demo;

/**
 * What to generate: a study named {@code studyName} (also its protocol ID) with {@code sites}
 * sites, {@code events} event definitions and {@code crfs} CRFs in each, and {@code subjects}
 * subjects with every event and CRF filled in, entered as {@code actor}. {@code fast} writes the
 * events, event CRFs and values in batches instead of through data entry.
 */
public record DemoDataRequest(
    String studyName, int subjects, int events, int crfs, int sites, boolean fast, String actor) {}
