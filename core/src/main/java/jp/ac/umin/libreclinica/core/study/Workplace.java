package jp.ac.umin.libreclinica.core.study;

import jp.ac.umin.libreclinica.core.account.Role;

/**
 * A study or site where a user may work, with the role the user holds there (a study-level role
 * held at the parent study counts at its sites). The role is null for a system administrator
 * without a role there. Plain values, safe to show after the transaction.
 */
public record Workplace(
    long studyId,
    String oid,
    String name,
    String protocolId,
    StudyStatus status,
    Long parentId,
    String parentName,
    Role role) {

  static Workplace of(Study s, Role role) {
    return new Workplace(
        s.getId(),
        s.getOid(),
        s.getName(),
        s.getProtocolId(),
        s.getStatus(),
        s.isSite() ? s.getParent().getId() : null,
        s.isSite() ? s.getParent().getName() : null,
        role);
  }

  public boolean isSite() {
    return parentId != null;
  }

  /** The study itself, or the parent study of a site. */
  public long rootId() {
    return isSite() ? parentId : studyId;
  }
}
