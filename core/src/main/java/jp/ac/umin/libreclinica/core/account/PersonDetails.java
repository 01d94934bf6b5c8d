package jp.ac.umin.libreclinica.core.account;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The personal fields of an account that its holder and administrators edit. */
public record PersonDetails(
    @NotBlank(message = "{account.firstName.required}")
        @Size(max = UserAccount.MAX_NAME, message = "{account.firstName.tooLong}")
        String firstName,
    @NotBlank(message = "{account.lastName.required}")
        @Size(max = UserAccount.MAX_NAME, message = "{account.lastName.tooLong}")
        String lastName,
    @NotBlank(message = "{account.email.required}")
        @Size(max = UserAccount.MAX_EMAIL, message = "{account.email.tooLong}")
        @Email(regexp = UserAccount.EMAIL_PATTERN, message = "{account.email.invalid}")
        String email,
    @Size(max = UserAccount.MAX_AFFILIATION, message = "{account.affiliation.tooLong}")
        String institutionalAffiliation,
    @Size(max = UserAccount.MAX_PHONE, message = "{account.phone.tooLong}") String phone) {

  /** Trims surrounding blanks; free text is otherwise kept as typed. */
  public PersonDetails normalized() {
    return new PersonDetails(
        trim(firstName), trim(lastName), trim(email), blankToNull(institutionalAffiliation),
        blankToNull(phone));
  }

  private static String trim(String s) {
    return s == null ? null : s.strip();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
