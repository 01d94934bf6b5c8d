package jp.ac.umin.libreclinica.umin.sso.saml;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import jp.ac.umin.libreclinica.umin.sso.SsoProperties;

/**
 * The SP side of the exchange: this service's metadata, AuthnRequests sent with the
 * HTTP-Redirect binding (deflated, base64; signed with {@code SigAlg} and {@code Signature} over
 * the query string, SAML bindings §3.4.4.1, when the SP has a key), logout requests and
 * logout responses.
 */
public class SamlServiceProvider {

  private final SsoProperties.Saml config;
  private final IdpMetadata idp;
  private final SamlRequestStore requests;
  private final Clock clock;
  private final SpCredentials credentials;

  public SamlServiceProvider(SsoProperties.Saml config, IdpMetadata idp, SamlRequestStore requests, Clock clock) {
    this(config, idp, requests, clock, null);
  }

  /** With {@code credentials} (may be null), requests are signed and the metadata names the key. */
  public SamlServiceProvider(
      SsoProperties.Saml config, IdpMetadata idp, SamlRequestStore requests, Clock clock, SpCredentials credentials) {
    this.config = config;
    this.idp = idp;
    this.requests = requests;
    this.clock = clock;
    this.credentials = credentials;
  }

  public SpCredentials credentials() {
    return credentials;
  }

  public IdpMetadata idp() {
    return idp;
  }

  /**
   * The IdP address the browser goes to for a sign-in; {@code forceAuthn} asks the IdP to
   * authenticate the user again even if it has a session (re-authentication before a signature).
   */
  public String authnRequestUrl(boolean forceAuthn, String userName, String returnPath) {
    Instant now = clock.instant();
    String id = "_" + UUID.randomUUID();
    requests.add(new SamlRequestStore.Pending(id, now, forceAuthn, userName, returnPath));
    String xml =
        "<samlp:AuthnRequest xmlns:samlp=\"" + SamlXml.PROTOCOL + "\" xmlns:saml=\"" + SamlXml.ASSERTION + "\""
            + " ID=\"" + id + "\" Version=\"2.0\" IssueInstant=\"" + now.truncatedTo(ChronoUnit.SECONDS) + "\""
            + " Destination=\"" + escape(idp.ssoUrl()) + "\""
            + " AssertionConsumerServiceURL=\"" + escape(config.acsUrl()) + "\""
            + " ProtocolBinding=\"" + SamlXml.POST_BINDING + "\""
            + (forceAuthn ? " ForceAuthn=\"true\"" : "")
            + "><saml:Issuer>" + escape(config.getEntityId()) + "</saml:Issuer>"
            + "<samlp:NameIDPolicy Format=\"" + SamlXml.PERSISTENT + "\" AllowCreate=\"true\"/>"
            + "</samlp:AuthnRequest>";
    return redirect(idp.ssoUrl(), "SAMLRequest", xml, credentials);
  }

  /** Where the browser goes to end the IdP session too (single logout), or null when the IdP has none. */
  public String logoutRequestUrl(String nameId) {
    if (idp.sloUrl() == null || nameId == null) {
      return null;
    }
    Instant now = clock.instant();
    String xml =
        "<samlp:LogoutRequest xmlns:samlp=\"" + SamlXml.PROTOCOL + "\" xmlns:saml=\"" + SamlXml.ASSERTION + "\""
            + " ID=\"_" + UUID.randomUUID() + "\" Version=\"2.0\" IssueInstant=\""
            + now.truncatedTo(ChronoUnit.SECONDS) + "\" Destination=\"" + escape(idp.sloUrl()) + "\">"
            + "<saml:Issuer>" + escape(config.getEntityId()) + "</saml:Issuer>"
            + "<saml:NameID Format=\"" + SamlXml.PERSISTENT + "\">" + escape(nameId) + "</saml:NameID>"
            + "</samlp:LogoutRequest>";
    return redirect(idp.sloUrl(), "SAMLRequest", xml, credentials);
  }

  /**
   * The answer to a LogoutRequest the IdP sent ({@code inResponseTo}), to its SingleLogoutService
   * (the response location when the metadata has one), with {@code status} (a SAML status code).
   */
  public String logoutResponseUrl(String inResponseTo, String status, String relayState) {
    String endpoint = idp.sloResponseUrl() != null ? idp.sloResponseUrl() : idp.sloUrl();
    if (endpoint == null) {
      return null;
    }
    Instant now = clock.instant();
    String xml =
        "<samlp:LogoutResponse xmlns:samlp=\"" + SamlXml.PROTOCOL + "\" xmlns:saml=\"" + SamlXml.ASSERTION + "\""
            + " ID=\"_" + UUID.randomUUID() + "\" Version=\"2.0\" IssueInstant=\""
            + now.truncatedTo(ChronoUnit.SECONDS) + "\" Destination=\"" + escape(endpoint) + "\""
            + " InResponseTo=\"" + escape(inResponseTo) + "\">"
            + "<saml:Issuer>" + escape(config.getEntityId()) + "</saml:Issuer>"
            + "<samlp:Status><samlp:StatusCode Value=\"" + escape(status) + "\"/></samlp:Status>"
            + "</samlp:LogoutResponse>";
    return redirect(endpoint, "SAMLResponse", xml, relayState, credentials);
  }

  /** This service's metadata for the IdP (and the federation) to register. */
  public String metadata() {
    String keys = "";
    if (credentials != null) {
      String keyInfo =
          "<ds:KeyInfo xmlns:ds=\"" + SamlXml.DSIG + "\"><ds:X509Data><ds:X509Certificate>"
              + credentials.certificateBase64() + "</ds:X509Certificate></ds:X509Data></ds:KeyInfo>";
      keys =
          "    <md:KeyDescriptor use=\"signing\">" + keyInfo + "</md:KeyDescriptor>\n"
              + "    <md:KeyDescriptor use=\"encryption\">" + keyInfo
              + "<md:EncryptionMethod Algorithm=\"" + SamlDecrypter.AES256_GCM + "\"/>"
              + "<md:EncryptionMethod Algorithm=\"" + SamlDecrypter.AES128_GCM + "\"/>"
              + "<md:EncryptionMethod Algorithm=\"" + SamlDecrypter.RSA_OAEP_11 + "\"/>"
              + "<md:EncryptionMethod Algorithm=\"" + SamlDecrypter.RSA_OAEP_MGF1P + "\"/>"
              + "</md:KeyDescriptor>\n";
    }
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<md:EntityDescriptor xmlns:md=\"" + SamlXml.METADATA + "\" entityID=\"" + escape(config.getEntityId()) + "\">\n"
        + "  <md:SPSSODescriptor AuthnRequestsSigned=\"" + (credentials != null) + "\" WantAssertionsSigned=\"true\""
        + " protocolSupportEnumeration=\"" + SamlXml.PROTOCOL + "\">\n"
        + keys
        + "    <md:SingleLogoutService Binding=\"" + SamlXml.REDIRECT_BINDING + "\" Location=\""
        + escape(config.getBaseUrl() + SamlFilter.LOGOUT_PATH) + "\"/>\n"
        + "    <md:NameIDFormat>" + SamlXml.PERSISTENT + "</md:NameIDFormat>\n"
        + "    <md:AssertionConsumerService Binding=\"" + SamlXml.POST_BINDING + "\" Location=\""
        + escape(config.acsUrl()) + "\" index=\"0\" isDefault=\"true\"/>\n"
        + "  </md:SPSSODescriptor>\n"
        + "</md:EntityDescriptor>\n";
  }

  static String redirect(String endpoint, String parameter, String xml, SpCredentials credentials) {
    return redirect(endpoint, parameter, xml, null, credentials);
  }

  /**
   * The HTTP-Redirect binding: the message deflated, base64 and URL-encoded, then RelayState;
   * with {@code credentials}, {@code SigAlg} and a {@code Signature} over exactly
   * {@code SAMLRequest=...&RelayState=...&SigAlg=...} as sent (bindings §3.4.4.1).
   */
  static String redirect(
      String endpoint, String parameter, String xml, String relayState, SpCredentials credentials) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DeflaterOutputStream out = new DeflaterOutputStream(bytes, new Deflater(Deflater.DEFLATED, true))) {
      out.write(xml.getBytes(StandardCharsets.UTF_8));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    String encoded = Base64.getEncoder().encodeToString(bytes.toByteArray());
    String query = parameter + "=" + URLEncoder.encode(encoded, StandardCharsets.UTF_8);
    if (relayState != null && !relayState.isEmpty()) {
      query += "&RelayState=" + URLEncoder.encode(relayState, StandardCharsets.UTF_8);
    }
    if (credentials != null) {
      query += "&SigAlg=" + URLEncoder.encode(SpCredentials.RSA_SHA256, StandardCharsets.UTF_8);
      byte[] signature = credentials.sign(query.getBytes(StandardCharsets.UTF_8));
      query += "&Signature=" + URLEncoder.encode(Base64.getEncoder().encodeToString(signature), StandardCharsets.UTF_8);
    }
    return endpoint + (endpoint.contains("?") ? "&" : "?") + query;
  }

  static String escape(String s) {
    return s == null
        ? ""
        : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
