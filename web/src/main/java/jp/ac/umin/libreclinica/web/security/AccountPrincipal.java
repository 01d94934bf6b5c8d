package jp.ac.umin.libreclinica.web.security;

import java.io.Serial;
import java.util.Collection;
import java.util.List;
import jp.ac.umin.libreclinica.core.account.LoginAccount;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The signed-in local account. Serializable because sessions are kept in the database; holds
 * the password hash only until authentication ends (then it is erased).
 */
public final class AccountPrincipal implements UserDetails, CredentialsContainer {

  @Serial private static final long serialVersionUID = 1L;

  private final long accountId;
  private final String username;
  private String password;
  private final List<SimpleGrantedAuthority> authorities;
  private final boolean locked;
  private final boolean enabled;
  /** {@code local}, or the external way (e.g. {@code sso:umin}) the user came through. */
  private final String signInMethod;
  private transient boolean localRefused;

  public AccountPrincipal(
      long accountId, String username, String password, String authority, boolean locked, boolean enabled) {
    this(accountId, username, password, authority, locked, enabled, LOCAL);
  }

  private AccountPrincipal(
      long accountId,
      String username,
      String password,
      String authority,
      boolean locked,
      boolean enabled,
      String signInMethod) {
    this.signInMethod = signInMethod;
    this.accountId = accountId;
    this.username = username;
    this.password = password;
    this.authorities = List.of(new SimpleGrantedAuthority(authority));
    this.locked = locked;
    this.enabled = enabled;
  }

  /** The sign-in method of a local password sign-in. */
  public static final String LOCAL = "local";

  /** A user who signed in through an external provider: no password is held. */
  public static AccountPrincipal external(LoginAccount a, String method) {
    return new AccountPrincipal(
        a.id(), a.userName(), null, a.userType().authority(), a.locked(), a.available(), method);
  }

  static AccountPrincipal of(LoginAccount a) {
    return of(a, true);
  }

  /**
   * A local sign-in; when a sign-on extension refuses the password way for this account, the
   * principal says "expired", which Spring Security checks before the password, like a lock.
   */
  static AccountPrincipal of(LoginAccount a, boolean localAllowed) {
    AccountPrincipal p =
        new AccountPrincipal(
            a.id(), a.userName(), a.passwordHash(), a.userType().authority(), a.locked(), a.available());
    p.localRefused = !localAllowed;
    return p;
  }

  @Override
  public boolean isAccountNonExpired() {
    return !localRefused;
  }

  /** {@link #LOCAL}, or the external way the user signed in (e.g. {@code sso:umin}). */
  public String getSignInMethod() {
    return signInMethod == null ? LOCAL : signInMethod;
  }

  /** Whether the user signed in through an external provider rather than with a password. */
  public boolean isExternal() {
    return !LOCAL.equals(getSignInMethod());
  }

  public long getAccountId() {
    return accountId;
  }

  @Override
  public Collection<? extends GrantedAuthority> getAuthorities() {
    return authorities;
  }

  @Override
  public String getPassword() {
    return password;
  }

  @Override
  public String getUsername() {
    return username;
  }

  @Override
  public boolean isAccountNonLocked() {
    return !locked;
  }

  @Override
  public boolean isEnabled() {
    return enabled;
  }

  @Override
  public void eraseCredentials() {
    password = null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AccountPrincipal p && p.accountId == accountId;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(accountId);
  }

  @Override
  public String toString() {
    return "AccountPrincipal[" + username + "]";
  }
}
