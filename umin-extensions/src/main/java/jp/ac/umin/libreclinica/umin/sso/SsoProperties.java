package jp.ac.umin.libreclinica.umin.sso;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code lc.sso.*}: which of the deployment forms this server is (local IDs, UMIN IDs, or
 * both), and how single sign-on reaches it. See docs/sso.md.
 */
@ConfigurationProperties("lc.sso")
public class SsoProperties {

  /** How people sign in. */
  public enum Mode {
    /** Local user names and passwords only (the default; SSO is off). */
    LOCAL,
    /** Single sign-on only; the local form only for the break-glass administrators. */
    SSO,
    /** Both, on one sign-in page; each account's allowed methods apply. */
    BOTH
  }

  private Mode mode = Mode.LOCAL;
  /** Local accounts that may still sign in with a password when the mode is {@code sso}. */
  private List<String> breakGlassUsers = new ArrayList<>(List.of("admin"));
  /** Whom an unknown identity should contact (shown on the sign-in page), e.g. an e-mail address. */
  private String contact = "";
  private final TrustedHeader trustedHeader = new TrustedHeader();

  public Mode getMode() {
    return mode;
  }

  public void setMode(Mode mode) {
    this.mode = mode;
  }

  public List<String> getBreakGlassUsers() {
    return breakGlassUsers;
  }

  public void setBreakGlassUsers(List<String> breakGlassUsers) {
    this.breakGlassUsers = breakGlassUsers;
  }

  public boolean isBreakGlass(String userName) {
    return userName != null
        && breakGlassUsers.stream().anyMatch(u -> u.strip().equalsIgnoreCase(userName.strip()));
  }

  public String getContact() {
    return contact;
  }

  public void setContact(String contact) {
    this.contact = contact;
  }

  public TrustedHeader getTrustedHeader() {
    return trustedHeader;
  }

  /**
   * A Shibboleth SP (Apache httpd + mod_shib) or another SP in front of the application passes
   * the signed-in user in request headers, accepted only from {@link #trustedProxies}.
   */
  public static class TrustedHeader {
    private boolean enabled;
    /** The provider the identities belong to (the same name as for SAML with the same IdP). */
    private String provider = "umin";
    /** Addresses or CIDR ranges of the proxies whose headers are believed. */
    private List<String> trustedProxies = new ArrayList<>();
    /** The persistent subject: persistent NameID / eduPersonTargetedID. */
    private String subjectHeader = "persistent-id";
    /** The identifier people know (the UMIN ID). */
    private String displayIdHeader = "uid";
    private String mailHeader = "mail";
    private String nameHeader = "displayName";
    /** The path the SP protects; the sign-in button leads here. */
    private String loginPath = "/sso/header";
    /** Where to go after the local session ends (the SP's logout handler), empty for none. */
    private String logoutUrl = "";
    /** The button's message key. */
    private String buttonLabel = "sso.button.umin";

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public String getProvider() {
      return provider;
    }

    public void setProvider(String provider) {
      this.provider = provider.strip().toLowerCase(Locale.ROOT);
    }

    public List<String> getTrustedProxies() {
      return trustedProxies;
    }

    public void setTrustedProxies(List<String> trustedProxies) {
      this.trustedProxies = trustedProxies;
    }

    public String getSubjectHeader() {
      return subjectHeader;
    }

    public void setSubjectHeader(String subjectHeader) {
      this.subjectHeader = subjectHeader;
    }

    public String getDisplayIdHeader() {
      return displayIdHeader;
    }

    public void setDisplayIdHeader(String displayIdHeader) {
      this.displayIdHeader = displayIdHeader;
    }

    public String getMailHeader() {
      return mailHeader;
    }

    public void setMailHeader(String mailHeader) {
      this.mailHeader = mailHeader;
    }

    public String getNameHeader() {
      return nameHeader;
    }

    public void setNameHeader(String nameHeader) {
      this.nameHeader = nameHeader;
    }

    public String getLoginPath() {
      return loginPath;
    }

    public void setLoginPath(String loginPath) {
      this.loginPath = loginPath;
    }

    public String getLogoutUrl() {
      return logoutUrl;
    }

    public void setLogoutUrl(String logoutUrl) {
      this.logoutUrl = logoutUrl;
    }

    public String getButtonLabel() {
      return buttonLabel;
    }

    public void setButtonLabel(String buttonLabel) {
      this.buttonLabel = buttonLabel;
    }
  }
}
