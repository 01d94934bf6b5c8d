package jp.ac.umin.libreclinica.core.account;

/**
 * What a service may be asked to allow. System permissions come from the {@link UserType};
 * study permissions from a {@link Role} held at the study or site. The grants are listed in
 * {@link RolePolicy} only.
 */
public enum Permission {
  // System level
  ADMINISTER_USERS(Scope.SYSTEM),
  /** Edit, reset, lock or remove a technical administrator (upstream defect OC-2306). */
  MANAGE_TECH_ADMINS(Scope.SYSTEM),
  VIEW_AUDIT_LOG(Scope.SYSTEM),
  CREATE_STUDY(Scope.SYSTEM),
  // Study level
  VIEW_STUDY(Scope.STUDY),
  BUILD_STUDY(Scope.STUDY),
  ASSIGN_STUDY_ROLES(Scope.STUDY),
  ADD_SUBJECT(Scope.STUDY),
  REMOVE_SUBJECT(Scope.STUDY),
  ENTER_DATA(Scope.STUDY),
  /** Change data of a CRF already marked complete. */
  ADMINISTRATIVE_EDITING(Scope.STUDY),
  REVIEW_DATA(Scope.STUDY),
  VERIFY_SDV(Scope.STUDY),
  SIGN(Scope.STUDY),
  /** Lock and unlock event CRFs, events and subjects' casebooks. */
  LOCK_DATA(Scope.STUDY),
  EXTRACT_DATA(Scope.STUDY),
  IMPORT_DATA(Scope.STUDY),
  /** Raise annotations, answer note threads, see the notes view. */
  MANAGE_DISCREPANCY_NOTES(Scope.STUDY),
  /** Close a note thread (or set it Not Applicable). */
  CLOSE_DISCREPANCY_NOTES(Scope.STUDY),
  /** Raise a query (a note that asks the site to act). */
  RAISE_QUERY(Scope.STUDY),
  /** Answer a note thread with a proposed resolution. */
  PROPOSE_RESOLUTION(Scope.STUDY);

  /** Where a permission applies. */
  public enum Scope {
    SYSTEM,
    STUDY
  }

  private final Scope scope;

  Permission(Scope scope) {
    this.scope = scope;
  }

  public Scope scope() {
    return scope;
  }

  public String messageKey() {
    return "permission." + name();
  }
}
