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
 * HTTP-Redirect binding (deflated, base64, unsigned: the IdP learns the assertion consumer
 * service from the registered metadata), and logout requests.
 */
public class SamlServiceProvider {

  private final SsoProperties.Saml config;
  private final IdpMetadata idp;
  private final SamlRequestStore requests;
  private final Clock clock;

  public SamlServiceProvider(SsoProperties.Saml config, IdpMetadata idp, SamlRequestStore requests, Clock clock) {
    this.config = config;
    this.idp = idp;
    this.requests = requests;
    this.clock = clock;
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
    return redirect(idp.ssoUrl(), "SAMLRequest", xml);
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
    return redirect(idp.sloUrl(), "SAMLRequest", xml);
  }

  /** This service's metadata for the IdP (and the federation) to register. */
  public String metadata() {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<md:EntityDescriptor xmlns:md=\"" + SamlXml.METADATA + "\" entityID=\"" + escape(config.getEntityId()) + "\">\n"
        + "  <md:SPSSODescriptor AuthnRequestsSigned=\"false\" WantAssertionsSigned=\"true\""
        + " protocolSupportEnumeration=\"" + SamlXml.PROTOCOL + "\">\n"
        + "    <md:SingleLogoutService Binding=\"" + SamlXml.REDIRECT_BINDING + "\" Location=\""
        + escape(config.getBaseUrl() + "/sso/saml/logout") + "\"/>\n"
        + "    <md:NameIDFormat>" + SamlXml.PERSISTENT + "</md:NameIDFormat>\n"
        + "    <md:AssertionConsumerService Binding=\"" + SamlXml.POST_BINDING + "\" Location=\""
        + escape(config.acsUrl()) + "\" index=\"0\" isDefault=\"true\"/>\n"
        + "  </md:SPSSODescriptor>\n"
        + "</md:EntityDescriptor>\n";
  }

  static String redirect(String endpoint, String parameter, String xml) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DeflaterOutputStream out = new DeflaterOutputStream(bytes, new Deflater(Deflater.DEFLATED, true))) {
      out.write(xml.getBytes(StandardCharsets.UTF_8));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    String encoded = Base64.getEncoder().encodeToString(bytes.toByteArray());
    return endpoint + (endpoint.contains("?") ? "&" : "?") + parameter + "="
        + URLEncoder.encode(encoded, StandardCharsets.UTF_8);
  }

  static String escape(String s) {
    return s == null
        ? ""
        : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
