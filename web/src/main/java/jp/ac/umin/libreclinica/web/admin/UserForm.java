package jp.ac.umin.libreclinica.web.admin;

import jakarta.validation.constraints.NotNull;
import jp.ac.umin.libreclinica.core.account.UserAccount;
import jp.ac.umin.libreclinica.core.account.UserType;
import jp.ac.umin.libreclinica.web.account.PersonForm;

/** An administrator's edit of an account: personal fields and user type. */
public class UserForm extends PersonForm {

  @NotNull(message = "{account.userType.required}")
  private UserType userType = UserType.USER;

  private long version;

  static UserForm of(UserAccount a) {
    UserForm f = new UserForm();
    f.fill(a);
    f.userType = a.getUserType();
    f.version = a.getVersion();
    return f;
  }

  public UserType getUserType() {
    return userType;
  }

  public void setUserType(UserType userType) {
    this.userType = userType;
  }

  public long getVersion() {
    return version;
  }

  public void setVersion(long version) {
    this.version = version;
  }
}
