package jp.ac.umin.libreclinica.core.job;

/**
 * Published when a background job has ended (done, failed or cancelled), after its row is
 * stored: listeners tell the user who asked (in-app notice, e-mail). Never inside a transaction.
 */
public record JobFinished(
    long jobId, String kind, long studyId, String parameters, String requestedBy, String language, JobStatus status) {}
