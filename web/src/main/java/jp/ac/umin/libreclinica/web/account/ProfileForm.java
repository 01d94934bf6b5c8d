package jp.ac.umin.libreclinica.web.account;

import jakarta.validation.constraints.Pattern;
import java.util.Locale;
import jp.ac.umin.libreclinica.core.account.UserAccount;

/** The own profile: personal fields and the language (empty: follow the browser). */
public class ProfileForm extends PersonForm {

  @Pattern(regexp = "^(|en|ja)$", message = "{account.language.invalid}")
  private String language = "";

  private long version;

  static ProfileForm of(UserAccount a) {
    ProfileForm f = new ProfileForm();
    f.fill(a);
    f.language = a.getPreferredLocale() == null ? "" : a.getPreferredLocale();
    f.version = a.getVersion();
    return f;
  }

  Locale toLocale() {
    return language == null || language.isEmpty() ? null : Locale.forLanguageTag(language);
  }

  public String getLanguage() {
    return language;
  }

  public void setLanguage(String language) {
    this.language = language;
  }

  public long getVersion() {
    return version;
  }

  public void setVersion(long version) {
    this.version = version;
  }
}
