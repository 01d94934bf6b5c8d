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

  public AccountPrincipal(
      long accountId, String username, String password, String authority, boolean locked, boolean enabled) {
    this.accountId = accountId;
    this.username = username;
    this.password = password;
    this.authorities = List.of(new SimpleGrantedAuthority(authority));
    this.locked = locked;
    this.enabled = enabled;
  }

  static AccountPrincipal of(LoginAccount a) {
    return new AccountPrincipal(
        a.id(), a.userName(), a.passwordHash(), a.userType().authority(), a.locked(), a.available());
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
