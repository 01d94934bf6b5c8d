package jp.ac.umin.libreclinica.web.admin;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jp.ac.umin.libreclinica.core.account.UserAccount;

/** The reason an administrator gives for removing an account. */
public class RemoveForm {

  @NotBlank(message = "{account.removalReason.required}")
  @Size(max = UserAccount.MAX_REASON, message = "{account.removalReason.tooLong}")
  private String reason;

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }
}
