package jp.ac.umin.libreclinica.web.admin;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jp.ac.umin.libreclinica.core.account.NewAccount;
import jp.ac.umin.libreclinica.core.account.UserAccount;

/** A new account: the user name as well. */
public class NewUserForm extends UserForm {

  @NotBlank(message = "{account.userName.required}")
  @Size(max = UserAccount.MAX_USER_NAME, message = "{account.userName.tooLong}")
  @Pattern(regexp = UserAccount.USER_NAME_PATTERN, message = "{account.userName.invalid}")
  private String userName;

  NewAccount toCommand() {
    return new NewAccount(userName, toDetails(), getUserType());
  }

  public String getUserName() {
    return userName;
  }

  public void setUserName(String userName) {
    this.userName = userName;
  }
}
