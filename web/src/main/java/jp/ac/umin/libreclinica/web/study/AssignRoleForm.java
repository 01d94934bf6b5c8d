package jp.ac.umin.libreclinica.web.study;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jp.ac.umin.libreclinica.core.account.Role;
import jp.ac.umin.libreclinica.core.account.UserAccount;

/** Whom to give which role where: an account by user name, the study or a site, a role. */
public class AssignRoleForm {

  @NotBlank(message = "{studyUsers.userName.required}")
  @Size(max = UserAccount.MAX_USER_NAME, message = "{studyUsers.userName.tooLong}")
  private String userName;

  @NotNull(message = "{studyUsers.target.invalid}")
  private Long target;

  @NotNull(message = "{studyUsers.role.required}")
  private Role role;

  public String getUserName() {
    return userName;
  }

  public void setUserName(String userName) {
    this.userName = userName;
  }

  public Long getTarget() {
    return target;
  }

  public void setTarget(Long target) {
    this.target = target;
  }

  public Role getRole() {
    return role;
  }

  public void setRole(Role role) {
    this.role = role;
  }
}
