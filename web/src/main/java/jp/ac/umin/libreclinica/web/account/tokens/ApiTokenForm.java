package jp.ac.umin.libreclinica.web.account.tokens;

import jakarta.validation.constraints.FutureOrPresent;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import jp.ac.umin.libreclinica.core.apitoken.ApiToken;
import org.springframework.format.annotation.DateTimeFormat;

/** A new API token: its name and, optionally, the last day it works. */
public class ApiTokenForm {

  @NotBlank(message = "{tokens.error.nameRequired}")
  @Size(max = ApiToken.NAME_MAX, message = "{tokens.error.nameTooLong}")
  private String name;

  @FutureOrPresent(message = "{tokens.error.expiryPast}")
  @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
  private LocalDate expiresOn;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public LocalDate getExpiresOn() {
    return expiresOn;
  }

  public void setExpiresOn(LocalDate expiresOn) {
    this.expiresOn = expiresOn;
  }
}
