package jp.ac.umin.libreclinica.core.identity;

/** Where a link between an account and an external identity stands. */
public enum IdentityStatus {
  /** Pre-registered by an administrator by its display identifier; the first sign-in binds it. */
  PENDING,
  /** Bound to a persistent subject: signing in through the provider reaches the account. */
  LINKED,
  /** Ended by an administrator, with a reason; kept for the record and may be relinked. */
  UNLINKED;

  public String messageKey() {
    return "identity.status." + name().toLowerCase(java.util.Locale.ROOT);
  }
}
