package jp.ac.umin.libreclinica.core.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * The ways one account may sign in: with its local password, through single sign-on, or both
 * (the default when an account has no row). At least one way stays open.
 */
@Entity
@Table(name = "account_sign_in_methods")
public class AccountSignInMethods {

  @Id
  @Column(name = "account_id")
  private Long accountId;

  @Column(name = "local_allowed", nullable = false)
  private boolean localAllowed;

  @Column(name = "sso_allowed", nullable = false)
  private boolean ssoAllowed;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Column(name = "updated_by", nullable = false)
  private String updatedBy;

  @Version private long version;

  protected AccountSignInMethods() {}

  static AccountSignInMethods of(long accountId) {
    AccountSignInMethods m = new AccountSignInMethods();
    m.accountId = accountId;
    m.localAllowed = true;
    m.ssoAllowed = true;
    return m;
  }

  void change(boolean local, boolean sso, String actor, Instant now) {
    if (!local && !sso) {
      throw new IdentityException("identity.methods.none");
    }
    this.localAllowed = local;
    this.ssoAllowed = sso;
    this.updatedBy = actor;
    this.updatedAt = now;
  }

  String audited() {
    return "localAllowed=" + localAllowed + "\nssoAllowed=" + ssoAllowed;
  }

  public long getAccountId() {
    return accountId;
  }

  public boolean isLocalAllowed() {
    return localAllowed;
  }

  public boolean isSsoAllowed() {
    return ssoAllowed;
  }
}
