package jp.ac.umin.libreclinica.core.account;

/** Whether an account or a role assignment is in use; nothing is ever deleted. */
public enum AccountStatus {
  AVAILABLE,
  REMOVED;

  public String messageKey() {
    return "account.status." + name();
  }
}
