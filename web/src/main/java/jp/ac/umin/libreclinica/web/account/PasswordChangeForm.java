package jp.ac.umin.libreclinica.web.account;

import jakarta.validation.constraints.NotEmpty;

/** Changing the own password: the current one and the new one twice. */
public class PasswordChangeForm {

  @NotEmpty(message = "{account.password.currentRequired}")
  private String currentPassword;

  @NotEmpty(message = "{account.password.newRequired}")
  private String newPassword;

  private String confirmPassword;

  public String getCurrentPassword() {
    return currentPassword;
  }

  public void setCurrentPassword(String currentPassword) {
    this.currentPassword = currentPassword;
  }

  public String getNewPassword() {
    return newPassword;
  }

  public void setNewPassword(String newPassword) {
    this.newPassword = newPassword;
  }

  public String getConfirmPassword() {
    return confirmPassword;
  }

  public void setConfirmPassword(String confirmPassword) {
    this.confirmPassword = confirmPassword;
  }
}
