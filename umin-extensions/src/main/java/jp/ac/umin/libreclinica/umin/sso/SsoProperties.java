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
  private final Jit jit = new Jit();
  private final TrustedHeader trustedHeader = new TrustedHeader();
  private final Saml saml = new Saml();
  private final Oidc oidc = new Oidc();

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

  public Jit getJit() {
    return jit;
  }

  /** What a just-in-time account may not be called: the break-glass administrators. */
  public jp.ac.umin.libreclinica.core.identity.JustInTime justInTime() {
    return new jp.ac.umin.libreclinica.core.identity.JustInTime(
        jit.isEnabled(), java.util.Set.copyOf(breakGlassUsers));
  }

  /**
   * Just-in-time accounts ({@code lc.sso.jit.*}): an identity the provider verified but that is
   * neither linked nor pre-registered gets a new account without any study role. Off by default:
   * such a person then sees that the ID is not registered.
   */
  public static class Jit {
    private boolean enabled;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  public Saml getSaml() {
    return saml;
  }

  public Oidc getOidc() {
    return oidc;
  }

  /**
   * OpenID Connect: the application as a relying party (authorization code with PKCE, state,
   * nonce), the provider found by discovery from {@link #issuerUri}.
   */
  public static class Oidc {
    private boolean enabled;
    /** The provider the identities belong to (one issuer per provider name). */
    private String provider = "oidc";
    /** The issuer; {@code <issuer>/.well-known/openid-configuration} is read at start-up. */
    private String issuerUri = "";
    private String clientId = "";
    /** Empty for a public client (PKCE only). */
    private String clientSecret = "";
    private List<String> scopes = new ArrayList<>(List.of("openid", "profile", "email"));
    /** The claim with the identifier people know (for pre-registration). */
    private String displayIdClaim = "preferred_username";
    private String mailClaim = "email";
    private String nameClaim = "name";
    private String givenNameClaim = "given_name";
    private String familyNameClaim = "family_name";
    /** Where the provider sends the browser after its logout (RP-initiated logout), e.g. {@code https://edc.example.org/login}. */
    private String postLogoutRedirectUri = "";
    private String buttonLabel = "sso.button.oidc";

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

    public String getIssuerUri() {
      return issuerUri;
    }

    public void setIssuerUri(String issuerUri) {
      this.issuerUri = issuerUri.strip();
    }

    public String getClientId() {
      return clientId;
    }

    public void setClientId(String clientId) {
      this.clientId = clientId.strip();
    }

    public String getClientSecret() {
      return clientSecret;
    }

    public void setClientSecret(String clientSecret) {
      this.clientSecret = clientSecret;
    }

    public List<String> getScopes() {
      return scopes;
    }

    public void setScopes(List<String> scopes) {
      this.scopes = scopes;
    }

    public String getDisplayIdClaim() {
      return displayIdClaim;
    }

    public void setDisplayIdClaim(String displayIdClaim) {
      this.displayIdClaim = displayIdClaim;
    }

    public String getMailClaim() {
      return mailClaim;
    }

    public void setMailClaim(String mailClaim) {
      this.mailClaim = mailClaim;
    }

    public String getNameClaim() {
      return nameClaim;
    }

    public void setNameClaim(String nameClaim) {
      this.nameClaim = nameClaim;
    }

    public String getGivenNameClaim() {
      return givenNameClaim;
    }

    public void setGivenNameClaim(String givenNameClaim) {
      this.givenNameClaim = givenNameClaim;
    }

    public String getFamilyNameClaim() {
      return familyNameClaim;
    }

    public void setFamilyNameClaim(String familyNameClaim) {
      this.familyNameClaim = familyNameClaim;
    }

    public String getPostLogoutRedirectUri() {
      return postLogoutRedirectUri;
    }

    public void setPostLogoutRedirectUri(String postLogoutRedirectUri) {
      this.postLogoutRedirectUri = postLogoutRedirectUri.strip();
    }

    public String getButtonLabel() {
      return buttonLabel;
    }

    public void setButtonLabel(String buttonLabel) {
      this.buttonLabel = buttonLabel;
    }
  }

  /**
   * The application as a SAML 2.0 service provider itself (no Shibboleth SP in front): the
   * browser goes to the IdP with an AuthnRequest (HTTP-Redirect) and comes back to the assertion
   * consumer service with a signed Response (HTTP-POST).
   */
  public static class Saml {
    private boolean enabled;
    /** The provider the identities belong to (the same as the trusted-header one for the same IdP). */
    private String provider = "umin";
    /** This service's entity ID, e.g. {@code https://edc.example.org/sso/saml/metadata}. */
    private String entityId = "";
    /**
     * The public address of the application (scheme, host, context path), e.g.
     * {@code https://edc.example.org}: the assertion consumer service is this plus
     * {@code /sso/saml/acs}, and responses must name it as Destination and Recipient.
     */
    private String baseUrl = "";
    /** The IdP's metadata: a file path, {@code file:}, {@code classpath:} or {@code https:} URL. */
    private String idpMetadata = "";
    /** Which IdP in the metadata (when it holds several); empty for the only one. */
    private String idpEntityId = "";
    /** Allowed clock difference with the IdP. */
    private java.time.Duration clockSkew = java.time.Duration.ofMinutes(2);
    /** How long an AuthnRequest waits for its answer. */
    private java.time.Duration requestLifetime = java.time.Duration.ofMinutes(10);
    /**
     * Where the persistent subject comes from: {@code nameid} (a persistent NameID) or the name
     * of an attribute (eduPersonTargetedID {@code urn:oid:1.3.6.1.4.1.5923.1.1.1.10}).
     */
    private String subjectAttribute = "nameid";
    /** The identifier people know (the UMIN ID): eduPersonPrincipalName by default. */
    private List<String> displayIdAttribute =
        new ArrayList<>(List.of("urn:oid:1.3.6.1.4.1.5923.1.1.1.6", "eduPersonPrincipalName"));
    /** Only the part before {@code @} of the display identifier (ePPN {@code taro@umin.ac.jp} → {@code taro}). */
    private boolean displayIdStripScope = true;
    private List<String> mailAttribute = new ArrayList<>(List.of("urn:oid:0.9.2342.19200300.100.1.3", "mail"));
    /** The name shown: the first of these present (jaDisplayName before displayName). */
    private List<String> nameAttribute =
        new ArrayList<>(
            List.of(
                "urn:oid:1.3.6.1.4.1.32264.1.1.3",
                "jaDisplayName",
                "urn:oid:2.16.840.1.113730.3.1.241",
                "displayName"));
    /** Given name (only for just-in-time accounts): jaGivenName before givenName. */
    private List<String> givenNameAttribute =
        new ArrayList<>(List.of("jaGivenName", "urn:oid:2.5.4.42", "givenName"));
    /** Family name (only for just-in-time accounts): jasn before sn. */
    private List<String> familyNameAttribute =
        new ArrayList<>(List.of("jasn", "urn:oid:2.5.4.4", "sn", "surname"));
    /**
     * This SP's private key (PEM, PKCS#8 or PKCS#1 RSA), a file path: with it, AuthnRequests and
     * LogoutRequests are signed and encrypted assertions can be decrypted. Keep it out of the
     * repository and readable only by the application.
     */
    private String spKey = "";
    /** This SP's certificate (PEM) for {@link #spKey}, published in the metadata. */
    private String spCertificate = "";
    /** The button's message key. */
    private String buttonLabel = "sso.button.saml";

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

    public String getEntityId() {
      return entityId;
    }

    public void setEntityId(String entityId) {
      this.entityId = entityId.strip();
    }

    public String getBaseUrl() {
      return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
      String b = baseUrl.strip();
      this.baseUrl = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    }

    public String acsUrl() {
      return baseUrl + "/sso/saml/acs";
    }

    public String getIdpMetadata() {
      return idpMetadata;
    }

    public void setIdpMetadata(String idpMetadata) {
      this.idpMetadata = idpMetadata.strip();
    }

    public String getIdpEntityId() {
      return idpEntityId;
    }

    public void setIdpEntityId(String idpEntityId) {
      this.idpEntityId = idpEntityId.strip();
    }

    public java.time.Duration getClockSkew() {
      return clockSkew;
    }

    public void setClockSkew(java.time.Duration clockSkew) {
      this.clockSkew = clockSkew;
    }

    public java.time.Duration getRequestLifetime() {
      return requestLifetime;
    }

    public void setRequestLifetime(java.time.Duration requestLifetime) {
      this.requestLifetime = requestLifetime;
    }

    public String getSubjectAttribute() {
      return subjectAttribute;
    }

    public void setSubjectAttribute(String subjectAttribute) {
      this.subjectAttribute = subjectAttribute.strip();
    }

    public List<String> getDisplayIdAttribute() {
      return displayIdAttribute;
    }

    public void setDisplayIdAttribute(List<String> displayIdAttribute) {
      this.displayIdAttribute = displayIdAttribute;
    }

    public boolean isDisplayIdStripScope() {
      return displayIdStripScope;
    }

    public void setDisplayIdStripScope(boolean displayIdStripScope) {
      this.displayIdStripScope = displayIdStripScope;
    }

    public List<String> getMailAttribute() {
      return mailAttribute;
    }

    public void setMailAttribute(List<String> mailAttribute) {
      this.mailAttribute = mailAttribute;
    }

    public List<String> getNameAttribute() {
      return nameAttribute;
    }

    public void setNameAttribute(List<String> nameAttribute) {
      this.nameAttribute = nameAttribute;
    }

    public List<String> getGivenNameAttribute() {
      return givenNameAttribute;
    }

    public void setGivenNameAttribute(List<String> givenNameAttribute) {
      this.givenNameAttribute = givenNameAttribute;
    }

    public List<String> getFamilyNameAttribute() {
      return familyNameAttribute;
    }

    public void setFamilyNameAttribute(List<String> familyNameAttribute) {
      this.familyNameAttribute = familyNameAttribute;
    }

    public String getSpKey() {
      return spKey;
    }

    public void setSpKey(String spKey) {
      this.spKey = spKey.strip();
    }

    public String getSpCertificate() {
      return spCertificate;
    }

    public void setSpCertificate(String spCertificate) {
      this.spCertificate = spCertificate.strip();
    }

    public String getButtonLabel() {
      return buttonLabel;
    }

    public void setButtonLabel(String buttonLabel) {
      this.buttonLabel = buttonLabel;
    }
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
    /** Given and family name (only for just-in-time accounts). */
    private String givenNameHeader = "givenName";
    private String familyNameHeader = "sn";
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

    public String getGivenNameHeader() {
      return givenNameHeader;
    }

    public void setGivenNameHeader(String givenNameHeader) {
      this.givenNameHeader = givenNameHeader;
    }

    public String getFamilyNameHeader() {
      return familyNameHeader;
    }

    public void setFamilyNameHeader(String familyNameHeader) {
      this.familyNameHeader = familyNameHeader;
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
