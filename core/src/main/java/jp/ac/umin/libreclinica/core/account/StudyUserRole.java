package jp.ac.umin.libreclinica.core.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Objects;

/**
 * A role an account holds at a study or a site. Stored as LibreClinica's internal role name
 * plus the level; removed, never deleted.
 */
@Entity
@Table(name = "study_user_role")
public class StudyUserRole {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "account_id", nullable = false, updatable = false)
  private Long accountId;

  @Column(name = "study_id", nullable = false, updatable = false)
  private Long studyId;

  @Column(name = "role_name", nullable = false)
  private String roleName;

  @Enumerated(EnumType.STRING)
  @Column(name = "role_level", nullable = false)
  private RoleLevel roleLevel;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private AccountStatus status;

  @Column(name = "removal_reason")
  private String removalReason;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "created_by", nullable = false, updatable = false)
  private String createdBy;

  @Column(name = "updated_at")
  private Instant updatedAt;

  @Column(name = "updated_by")
  private String updatedBy;

  @Version private long version;

  protected StudyUserRole() {}

  StudyUserRole(Long accountId, long studyId, Role role, String actor, Instant now) {
    this.accountId = Objects.requireNonNull(accountId);
    this.studyId = studyId;
    setRole(role);
    this.status = AccountStatus.AVAILABLE;
    this.createdAt = now;
    this.createdBy = actor;
  }

  private void setRole(Role role) {
    this.roleName = role.internalName();
    this.roleLevel = role.level();
  }

  void changeRole(Role role, String actor, Instant now) {
    if (!isAvailable()) {
      throw new AccountException("role.removed");
    }
    setRole(role);
    touch(actor, now);
  }

  void remove(String reason, String actor, Instant now) {
    if (reason == null || reason.isBlank()) {
      throw AccountException.onField("reason", "account.removalReason.required");
    }
    status = AccountStatus.REMOVED;
    removalReason = reason.strip();
    touch(actor, now);
  }

  void restore(String actor, Instant now) {
    if (isAvailable()) {
      throw new AccountException("role.notRemoved");
    }
    status = AccountStatus.AVAILABLE;
    removalReason = null;
    touch(actor, now);
  }

  private void touch(String actor, Instant now) {
    this.updatedBy = actor;
    this.updatedAt = now;
  }

  /** The role as a model value (internal name and level together). */
  public Role getRole() {
    return Role.of(roleName, roleLevel)
        .orElseThrow(() -> new IllegalStateException("unknown role " + roleLevel + "/" + roleName));
  }

  public boolean isAvailable() {
    return status == AccountStatus.AVAILABLE;
  }

  public Long getId() {
    return id;
  }

  public Long getAccountId() {
    return accountId;
  }

  public Long getStudyId() {
    return studyId;
  }

  /** LibreClinica's internal role name ({@code coordinator}, {@code ra2}, ...). */
  public String getRoleName() {
    return roleName;
  }

  public RoleLevel getRoleLevel() {
    return roleLevel;
  }

  public AccountStatus getStatus() {
    return status;
  }

  public String getRemovalReason() {
    return removalReason;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }

  public String getUpdatedBy() {
    return updatedBy;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public String getCreatedBy() {
    return createdBy;
  }

  public long getVersion() {
    return version;
  }
}
