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
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A person who signs in: local user name and password, personal details, system type, and the
 * state of sign-in security (failed attempts, lock, forced password change). Never deleted:
 * removal sets a status and a reason.
 */
@Entity
@Table(name = "user_account")
public class UserAccount {

  public static final int MAX_USER_NAME = 64;
  public static final int MAX_NAME = 50;
  public static final int MAX_EMAIL = 120;
  public static final int MAX_AFFILIATION = 255;
  public static final int MAX_PHONE = 64;
  public static final int MAX_REASON = 1000;
  /** Letters, digits and {@code . _ @ -}, starting with a letter or digit. */
  public static final String USER_NAME_PATTERN = "^[A-Za-z0-9][A-Za-z0-9._@-]*$";
  /** Something, an at sign, a domain with a dot; no blanks. */
  public static final String EMAIL_PATTERN = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "user_name", nullable = false, updatable = false)
  private String userName;

  @Column(name = "first_name", nullable = false)
  private String firstName;

  @Column(name = "last_name", nullable = false)
  private String lastName;

  @Column(nullable = false)
  private String email;

  @Column(name = "institutional_affiliation")
  private String institutionalAffiliation;

  private String phone;

  @Enumerated(EnumType.STRING)
  @Column(name = "user_type", nullable = false)
  private UserType userType;

  @Column(name = "password_hash", nullable = false)
  private String passwordHash;

  /** A hash of the SHA-1 hex digest of the password, which SOAP clients send (never the digest). */
  @Column(name = "ws_password_verifier")
  private String wsPasswordVerifier;

  @Column(name = "password_changed_at", nullable = false)
  private Instant passwordChangedAt;

  @Column(name = "must_change_password", nullable = false)
  private boolean mustChangePassword;

  @Column(name = "failed_login_count", nullable = false)
  private int failedLoginCount;

  @Column(nullable = false)
  private boolean locked;

  @Column(name = "locked_at")
  private Instant lockedAt;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private AccountStatus status;

  @Column(name = "removal_reason")
  private String removalReason;

  @Column(name = "preferred_locale")
  private String preferredLocale;

  @Column(name = "active_study_id")
  private Long activeStudyId;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "created_by", nullable = false, updatable = false)
  private String createdBy;

  @Column(name = "updated_at")
  private Instant updatedAt;

  @Column(name = "updated_by")
  private String updatedBy;

  @Version private long version;

  protected UserAccount() {}

  /** A new available account whose (one-time) password must be changed at first sign-in. */
  static UserAccount create(
      String userName,
      PersonDetails details,
      UserType type,
      String passwordHash,
      String actor,
      Instant now) {
    UserAccount a = new UserAccount();
    a.userName = Objects.requireNonNull(userName);
    a.applyDetails(details);
    a.userType = Objects.requireNonNull(type);
    a.passwordHash = Objects.requireNonNull(passwordHash);
    a.passwordChangedAt = now;
    a.mustChangePassword = true;
    a.status = AccountStatus.AVAILABLE;
    a.createdAt = now;
    a.createdBy = actor;
    return a;
  }

  void applyDetails(PersonDetails d) {
    this.firstName = Objects.requireNonNull(d.firstName());
    this.lastName = Objects.requireNonNull(d.lastName());
    this.email = Objects.requireNonNull(d.email());
    this.institutionalAffiliation = d.institutionalAffiliation();
    this.phone = d.phone();
  }

  void changeType(UserType type) {
    this.userType = Objects.requireNonNull(type);
  }

  /** Sets a new password hash; {@code oneTime} forces a change at the next sign-in. */
  void changePassword(String newHash, boolean oneTime, Instant now) {
    this.passwordHash = Objects.requireNonNull(newHash);
    this.wsPasswordVerifier = null;
    this.passwordChangedAt = now;
    this.mustChangePassword = oneTime;
  }

  void lock(Instant now) {
    if (!locked) {
      locked = true;
      lockedAt = now;
    }
  }

  /** Unlocks and forgets the failed attempts that led to the lock. */
  void unlock() {
    locked = false;
    lockedAt = null;
    failedLoginCount = 0;
  }

  void remove(String reason) {
    if (reason == null || reason.isBlank()) {
      throw AccountException.onField("reason", "account.removalReason.required");
    }
    status = AccountStatus.REMOVED;
    removalReason = reason.strip();
  }

  void restore() {
    status = AccountStatus.AVAILABLE;
    removalReason = null;
  }

  void changePreferredLocale(Locale locale) {
    this.preferredLocale = locale == null ? null : locale.toLanguageTag();
  }

  void touch(String actor, Instant now) {
    this.updatedBy = actor;
    this.updatedAt = now;
  }

  public boolean isAvailable() {
    return status == AccountStatus.AVAILABLE;
  }

  /** Available and not locked. */
  public boolean canSignIn() {
    return isAvailable() && !locked;
  }

  /**
   * Whether the holder must change the password before anything else: a one-time password, or
   * older than {@code expiryDays} (0 = never expires).
   */
  public boolean passwordChangeRequired(int expiryDays, Instant now) {
    if (mustChangePassword) {
      return true;
    }
    return expiryDays > 0 && passwordChangedAt.plus(Duration.ofDays(expiryDays)).isBefore(now);
  }

  /** The audited fields (never the password hash), in a stable order. */
  Map<String, String> auditedFields() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("userName", userName);
    m.put("firstName", firstName);
    m.put("lastName", lastName);
    m.put("email", email);
    m.put("institutionalAffiliation", institutionalAffiliation);
    m.put("phone", phone);
    m.put("userType", userType == null ? null : userType.name());
    m.put("preferredLocale", preferredLocale);
    return m;
  }

  public Long getId() {
    return id;
  }

  public String getUserName() {
    return userName;
  }

  public String getFirstName() {
    return firstName;
  }

  public String getLastName() {
    return lastName;
  }

  public String getEmail() {
    return email;
  }

  public String getInstitutionalAffiliation() {
    return institutionalAffiliation;
  }

  public String getPhone() {
    return phone;
  }

  public UserType getUserType() {
    return userType;
  }

  /** Sets the web-services verifier that goes with the password just set. */
  void changeWsPasswordVerifier(String verifier) {
    this.wsPasswordVerifier = verifier;
  }

  String getWsPasswordVerifier() {
    return wsPasswordVerifier;
  }

  String getPasswordHash() {
    return passwordHash;
  }

  public Instant getPasswordChangedAt() {
    return passwordChangedAt;
  }

  public boolean isMustChangePassword() {
    return mustChangePassword;
  }

  public int getFailedLoginCount() {
    return failedLoginCount;
  }

  public boolean isLocked() {
    return locked;
  }

  public Instant getLockedAt() {
    return lockedAt;
  }

  public AccountStatus getStatus() {
    return status;
  }

  public String getRemovalReason() {
    return removalReason;
  }

  /** The language the holder chose (a BCP 47 tag such as {@code ja}), or null for the browser's. */
  public String getPreferredLocale() {
    return preferredLocale;
  }

  public Long getActiveStudyId() {
    return activeStudyId;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public String getCreatedBy() {
    return createdBy;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }

  public String getUpdatedBy() {
    return updatedBy;
  }

  public long getVersion() {
    return version;
  }
}
