package jp.ac.umin.libreclinica.web.study;

import jakarta.validation.constraints.NotNull;
import jp.ac.umin.libreclinica.core.account.Role;

/** The new role of an assignment. */
public class ChangeRoleForm {

  @NotNull(message = "{studyUsers.role.required}")
  private Role role;

  public Role getRole() {
    return role;
  }

  public void setRole(Role role) {
    this.role = role;
  }
}
