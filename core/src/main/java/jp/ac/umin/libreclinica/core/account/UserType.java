package jp.ac.umin.libreclinica.core.account;

/**
 * The system-wide type of an account, as LibreClinica's administrators know it. Study work is
 * granted by {@link Role}s, not by the type.
 */
public enum UserType {
  /** Technical administrator: the root-like administrator, manages every account. */
  TECH_ADMIN,
  /** System (business) administrator: manages accounts except technical administrators. */
  BUSINESS_ADMIN,
  /** An ordinary user: works in studies through roles. */
  USER;

  /** The Spring Security authority of this type ({@code ROLE_TECH_ADMIN}, ...). */
  public String authority() {
    return "ROLE_" + name();
  }

  public boolean isAdministrator() {
    return this != USER;
  }

  /** Message key of the display name. */
  public String messageKey() {
    return "account.type." + name();
  }
}
