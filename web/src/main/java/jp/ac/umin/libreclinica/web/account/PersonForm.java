package jp.ac.umin.libreclinica.web.account;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jp.ac.umin.libreclinica.core.account.PersonDetails;
import jp.ac.umin.libreclinica.core.account.UserAccount;

/** The personal fields of an account form (profile and administrator's forms). */
public class PersonForm {

  @NotBlank(message = "{account.firstName.required}")
  @Size(max = UserAccount.MAX_NAME, message = "{account.firstName.tooLong}")
  private String firstName;

  @NotBlank(message = "{account.lastName.required}")
  @Size(max = UserAccount.MAX_NAME, message = "{account.lastName.tooLong}")
  private String lastName;

  @NotBlank(message = "{account.email.required}")
  @Size(max = UserAccount.MAX_EMAIL, message = "{account.email.tooLong}")
  @Email(regexp = UserAccount.EMAIL_PATTERN, message = "{account.email.invalid}")
  private String email;

  @Size(max = UserAccount.MAX_AFFILIATION, message = "{account.affiliation.tooLong}")
  private String institutionalAffiliation;

  @Size(max = UserAccount.MAX_PHONE, message = "{account.phone.tooLong}")
  private String phone;

  public PersonDetails toDetails() {
    return new PersonDetails(firstName, lastName, email, institutionalAffiliation, phone);
  }

  protected void fill(UserAccount a) {
    firstName = a.getFirstName();
    lastName = a.getLastName();
    email = a.getEmail();
    institutionalAffiliation = a.getInstitutionalAffiliation();
    phone = a.getPhone();
  }

  public String getFirstName() {
    return firstName;
  }

  public void setFirstName(String firstName) {
    this.firstName = firstName;
  }

  public String getLastName() {
    return lastName;
  }

  public void setLastName(String lastName) {
    this.lastName = lastName;
  }

  public String getEmail() {
    return email;
  }

  public void setEmail(String email) {
    this.email = email;
  }

  public String getInstitutionalAffiliation() {
    return institutionalAffiliation;
  }

  public void setInstitutionalAffiliation(String institutionalAffiliation) {
    this.institutionalAffiliation = institutionalAffiliation;
  }

  public String getPhone() {
    return phone;
  }

  public void setPhone(String phone) {
    this.phone = phone;
  }
}
