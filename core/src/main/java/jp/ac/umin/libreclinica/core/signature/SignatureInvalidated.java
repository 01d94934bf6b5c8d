package jp.ac.umin.libreclinica.core.signature;

/**
 * Published inside the transaction in which a signature became invalid because the signed data
 * changed; the in-application notice is written by {@link SignatureService}, and a notification
 * feature may listen to send an e-mail to the signer (after commit).
 */
public record SignatureInvalidated(
    long signatureId, long studySubjectId, Long studyEventId, String signerUserName, String changedBy, String what) {}
