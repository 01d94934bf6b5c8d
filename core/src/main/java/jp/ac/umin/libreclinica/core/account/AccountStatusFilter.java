package jp.ac.umin.libreclinica.core.account;

/** Which accounts an administrator's list shows. */
public enum AccountStatusFilter {
  ALL,
  /** Available and not locked. */
  ACTIVE,
  /** Available but locked. */
  LOCKED,
  REMOVED
}
