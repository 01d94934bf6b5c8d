package jp.ac.umin.libreclinica.core.audit;

/**
 * What a walk along the audit chain found: either an intact chain, or the first record that
 * breaks it and why.
 *
 * @param recordsChecked how many records were read, including the broken one
 * @param brokenRecordId the first record that breaks the chain, or null
 * @param problem why it breaks the chain, or null
 * @param expected the hash that was expected (computed, or the previous record's hash)
 * @param found the hash that the record carries
 * @param previousRecordId the record before the broken one, or null
 */
public record AuditVerification(
    long recordsChecked,
    Long brokenRecordId,
    Problem problem,
    String expected,
    String found,
    Long previousRecordId) {

  /** Why a record breaks the chain. */
  public enum Problem {
    /** The record's own hash does not match its fields: the record was altered. */
    HASH_MISMATCH("audit.verify.hashMismatch"),
    /**
     * The record's previous hash is not the hash of the record before it: a record before it
     * was removed, inserted or re-hashed.
     */
    BROKEN_LINK("audit.verify.brokenLink");

    private final String messageKey;

    Problem(String messageKey) {
      this.messageKey = messageKey;
    }

    public String messageKey() {
      return messageKey;
    }
  }

  static AuditVerification intact(long recordsChecked) {
    return new AuditVerification(recordsChecked, null, null, null, null, null);
  }

  public boolean intact() {
    return brokenRecordId == null;
  }

  /** Message key for the outcome: {@code audit.verify.intact} or the problem's key. */
  public String messageKey() {
    return intact() ? "audit.verify.intact" : problem.messageKey();
  }

  /**
   * Arguments of {@link #messageKey()}: records checked; or broken id, previous id (or "-"),
   * expected hash, found hash.
   */
  public Object[] messageArgs() {
    if (intact()) {
      return new Object[] {recordsChecked};
    }
    return new Object[] {
      String.valueOf(brokenRecordId),
      previousRecordId == null ? "-" : String.valueOf(previousRecordId),
      expected,
      found
    };
  }
}
