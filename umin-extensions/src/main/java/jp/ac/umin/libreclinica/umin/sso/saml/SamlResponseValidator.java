package jp.ac.umin.libreclinica.umin.sso.saml;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.KeySelector;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import jp.ac.umin.libreclinica.umin.sso.SsoProperties;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Checks a SAML Response posted to the assertion consumer service and takes out what the
 * sign-in needs. Refuses (with a {@link SamlException} naming the reason) anything that is not:
 * one assertion, signed by the IdP of the metadata (the Response or the Assertion; signatures
 * checked with the JDK's XML signature implementation in secure-validation mode, references
 * only to the signed element itself, so wrapped copies do not count), for this service
 * (Audience), sent here (Destination, Recipient), in its validity window (clock skew allowed),
 * answering a request this server sent and has not seen answered (InResponseTo), and never used
 * before (assertion ID).
 */
public class SamlResponseValidator {

  private static final int MAX_BYTES = 512 * 1024;
  private static final Set<String> ALLOWED_TRANSFORMS =
      Set.of(
          Transform.ENVELOPED,
          CanonicalizationMethod.EXCLUSIVE,
          CanonicalizationMethod.EXCLUSIVE_WITH_COMMENTS);

  private final SsoProperties.Saml config;
  private final IdpMetadata idp;
  private final SamlRequestStore requests;
  private final ReplayCache replays;
  private final PrivateKey decryptionKey;

  public SamlResponseValidator(
      SsoProperties.Saml config, IdpMetadata idp, SamlRequestStore requests, ReplayCache replays) {
    this(config, idp, requests, replays, null);
  }

  /** With {@code decryptionKey} (this SP's key; may be null), encrypted assertions are decrypted. */
  public SamlResponseValidator(
      SsoProperties.Saml config,
      IdpMetadata idp,
      SamlRequestStore requests,
      ReplayCache replays,
      PrivateKey decryptionKey) {
    this.config = config;
    this.idp = idp;
    this.requests = requests;
    this.replays = replays;
    this.decryptionKey = decryptionKey;
  }

  /** The verified content of the base64 {@code SAMLResponse} form field. */
  public SamlAssertion validate(String samlResponse, Instant now) {
    if (samlResponse == null || samlResponse.isBlank()) {
      throw new SamlException("invalid-response", "no SAMLResponse");
    }
    byte[] xml;
    try {
      xml = Base64.getMimeDecoder().decode(samlResponse.strip());
    } catch (IllegalArgumentException e) {
      throw new SamlException("invalid-response", "not base64");
    }
    if (xml.length > MAX_BYTES) {
      throw new SamlException("invalid-response", "too large");
    }
    Document doc = SamlXml.parse(xml);
    Element response = doc.getDocumentElement();
    if (!SamlXml.PROTOCOL.equals(response.getNamespaceURI()) || !"Response".equals(response.getLocalName())) {
      throw new SamlException("invalid-response", "not a Response");
    }
    registerIds(doc);

    Element status = SamlXml.child(response, SamlXml.PROTOCOL, "Status");
    Element code = status == null ? null : SamlXml.child(status, SamlXml.PROTOCOL, "StatusCode");
    if (code == null || !SamlXml.SUCCESS.equals(code.getAttribute("Value"))) {
      throw new SamlException("idp-refused", "status " + (code == null ? "none" : code.getAttribute("Value")));
    }
    // The Response's signature covers the assertion as it came (perhaps encrypted): checked first.
    boolean responseSigned = verify(response);
    NodeList encrypted = doc.getElementsByTagNameNS(SamlXml.ASSERTION, "EncryptedAssertion");
    if (encrypted.getLength() != 0) {
      List<Element> directEncrypted = SamlXml.children(response, SamlXml.ASSERTION, "EncryptedAssertion");
      if (encrypted.getLength() != 1
          || directEncrypted.size() != 1
          || doc.getElementsByTagNameNS(SamlXml.ASSERTION, "Assertion").getLength() != 0) {
        throw new SamlException("invalid-response", "not exactly one (encrypted) assertion");
      }
      Element decrypted = SamlDecrypter.decryptInPlace(directEncrypted.get(0), decryptionKey, responseSigned);
      registerIds(doc);
      if (decrypted.getOwnerDocument().getElementById(decrypted.getAttribute("ID")) != decrypted) {
        throw new SamlException("invalid-response", "the decrypted assertion has no unique ID");
      }
    }
    NodeList all = doc.getElementsByTagNameNS(SamlXml.ASSERTION, "Assertion");
    List<Element> direct = SamlXml.children(response, SamlXml.ASSERTION, "Assertion");
    if (all.getLength() != 1 || direct.size() != 1) {
      throw new SamlException("invalid-response", "not exactly one assertion");
    }
    Element assertion = direct.get(0);

    boolean assertionSigned = verify(assertion);
    if (!responseSigned && !assertionSigned) {
      throw new SamlException("unsigned", "neither the Response nor the Assertion is signed");
    }

    String destination = SamlXml.attr(response, "Destination");
    if ((responseSigned || destination != null) && !config.acsUrl().equals(destination)) {
      throw new SamlException("wrong-recipient", "Destination " + destination);
    }
    checkIssuer(SamlXml.child(response, SamlXml.ASSERTION, "Issuer"), false);
    checkIssuer(SamlXml.child(assertion, SamlXml.ASSERTION, "Issuer"), true);

    Duration skew = config.getClockSkew();
    Element conditions = SamlXml.child(assertion, SamlXml.ASSERTION, "Conditions");
    if (conditions == null) {
      throw new SamlException("invalid-response", "no Conditions");
    }
    Instant notBefore = instant(conditions, "NotBefore");
    Instant notOnOrAfter = instant(conditions, "NotOnOrAfter");
    if (notBefore != null && now.plus(skew).isBefore(notBefore)) {
      throw new SamlException("expired", "not yet valid (NotBefore " + notBefore + ")");
    }
    if (notOnOrAfter != null && !now.minus(skew).isBefore(notOnOrAfter)) {
      throw new SamlException("expired", "NotOnOrAfter " + notOnOrAfter);
    }
    checkAudience(conditions);

    Element subject = SamlXml.child(assertion, SamlXml.ASSERTION, "Subject");
    if (subject == null) {
      throw new SamlException("invalid-response", "no Subject");
    }
    Element confirmationData = bearerConfirmation(subject);
    if (!config.acsUrl().equals(SamlXml.attr(confirmationData, "Recipient"))) {
      throw new SamlException("wrong-recipient", "Recipient " + SamlXml.attr(confirmationData, "Recipient"));
    }
    Instant confirmationUntil = instant(confirmationData, "NotOnOrAfter");
    if (confirmationUntil == null || !now.minus(skew).isBefore(confirmationUntil)) {
      throw new SamlException("expired", "SubjectConfirmationData NotOnOrAfter " + confirmationUntil);
    }

    String assertionId = assertion.getAttribute("ID");
    Instant keep = (notOnOrAfter == null ? confirmationUntil : notOnOrAfter).plus(skew);
    if (!replays.firstUse(assertionId, keep, now)) {
      throw new SamlException("replayed", "assertion " + assertionId + " was used before");
    }

    String inResponseTo = SamlXml.attr(response, "InResponseTo");
    String confirmedFor = SamlXml.attr(confirmationData, "InResponseTo");
    if (inResponseTo == null || (confirmedFor != null && !confirmedFor.equals(inResponseTo))) {
      throw new SamlException("unsolicited", "InResponseTo " + inResponseTo + "/" + confirmedFor);
    }
    SamlRequestStore.Pending request =
        requests
            .consume(inResponseTo, now)
            .orElseThrow(() -> new SamlException("unsolicited", "no outstanding request " + inResponseTo));

    SamlAttributes attributes = SamlAttributes.of(assertion);
    String subjectValue;
    if ("nameid".equalsIgnoreCase(config.getSubjectAttribute())) {
      Element nameId = SamlXml.child(subject, SamlXml.ASSERTION, "NameID");
      subjectValue =
          nameId != null && SamlXml.PERSISTENT.equals(nameId.getAttribute("Format")) ? SamlXml.text(nameId) : null;
    } else {
      subjectValue = attributes.first(List.of(config.getSubjectAttribute()));
    }
    String displayId = attributes.first(config.getDisplayIdAttribute());
    if (displayId != null && config.isDisplayIdStripScope() && displayId.contains("@")) {
      displayId = displayId.substring(0, displayId.indexOf('@'));
    }
    if (subjectValue == null || subjectValue.isBlank() || displayId == null || displayId.isBlank()) {
      throw new SamlException("missing-attributes", "subject " + subjectValue + ", display ID " + displayId);
    }
    Element authn = SamlXml.child(assertion, SamlXml.ASSERTION, "AuthnStatement");
    Instant authnInstant = authn == null ? null : instant(authn, "AuthnInstant");
    return new SamlAssertion(
        subjectValue,
        displayId,
        attributes.first(config.getMailAttribute()),
        attributes.first(config.getNameAttribute()),
        attributes.first(config.getGivenNameAttribute()),
        attributes.first(config.getFamilyNameAttribute()),
        authnInstant,
        request);
  }

  /**
   * The display identifier found in a response that was refused, for the audit (only from a
   * well-formed message; nothing in it is believed).
   */
  public String attemptedId(String samlResponse) {
    try {
      Document doc = SamlXml.parse(Base64.getMimeDecoder().decode(samlResponse.strip()));
      NodeList a = doc.getElementsByTagNameNS(SamlXml.ASSERTION, "Assertion");
      if (a.getLength() == 1) {
        String id = SamlAttributes.of((Element) a.item(0)).first(config.getDisplayIdAttribute());
        return id == null ? null : "?" + id;
      }
    } catch (RuntimeException e) {
      // Nothing to report.
    }
    return null;
  }

  private static void registerIds(Document doc) {
    for (String ns : List.of(SamlXml.PROTOCOL, SamlXml.ASSERTION)) {
      NodeList all = doc.getElementsByTagNameNS(ns, "*");
      for (int i = 0; i < all.getLength(); i++) {
        Element e = (Element) all.item(i);
        if (e.hasAttribute("ID")) {
          e.setIdAttribute("ID", true);
        }
      }
    }
  }

  /**
   * Whether {@code element} carries a signature (as a direct child) that covers exactly it and
   * verifies with one of the IdP's certificates. A signature that is present but wrong is refused.
   */
  private boolean verify(Element element) {
    Element signature = SamlXml.child(element, SamlXml.DSIG, "Signature");
    if (signature == null) {
      return false;
    }
    String id = element.getAttribute("ID");
    if (id.isEmpty() || element.getOwnerDocument().getElementById(id) != element) {
      throw new SamlException("bad-signature", "signed element without a unique ID");
    }
    XMLSignatureFactory factory = XMLSignatureFactory.getInstance("DOM");
    for (X509Certificate certificate : idp.signingCertificates()) {
      try {
        PublicKey key = certificate.getPublicKey();
        DOMValidateContext context = new DOMValidateContext(KeySelector.singletonKeySelector(key), signature);
        context.setProperty("org.jcp.xml.dsig.secureValidation", Boolean.TRUE);
        XMLSignature xmlSignature = factory.unmarshalXMLSignature(context);
        List<?> references = xmlSignature.getSignedInfo().getReferences();
        if (references.size() != 1) {
          throw new SamlException("bad-signature", "not exactly one reference");
        }
        Reference reference = (Reference) references.get(0);
        if (!("#" + id).equals(reference.getURI())) {
          throw new SamlException("bad-signature", "the signature covers " + reference.getURI() + ", not " + id);
        }
        for (Object t : reference.getTransforms()) {
          if (!ALLOWED_TRANSFORMS.contains(((Transform) t).getAlgorithm())) {
            throw new SamlException("bad-signature", "transform " + ((Transform) t).getAlgorithm());
          }
        }
        if (xmlSignature.validate(context)) {
          return true;
        }
      } catch (SamlException e) {
        throw e;
      } catch (Exception e) {
        throw new SamlException("bad-signature", e.getMessage());
      }
    }
    throw new SamlException("bad-signature", "the signature of " + element.getLocalName() + " does not verify");
  }

  private void checkIssuer(Element issuer, boolean required) {
    if (issuer == null) {
      if (required) {
        throw new SamlException("invalid-response", "no Issuer");
      }
      return;
    }
    if (!idp.entityId().equals(SamlXml.text(issuer))) {
      throw new SamlException("invalid-response", "Issuer " + SamlXml.text(issuer));
    }
  }

  private void checkAudience(Element conditions) {
    List<Element> restrictions = SamlXml.children(conditions, SamlXml.ASSERTION, "AudienceRestriction");
    if (restrictions.isEmpty()) {
      throw new SamlException("wrong-audience", "no AudienceRestriction");
    }
    for (Element r : restrictions) {
      boolean found =
          SamlXml.children(r, SamlXml.ASSERTION, "Audience").stream()
              .anyMatch(a -> config.getEntityId().equals(SamlXml.text(a)));
      if (!found) {
        throw new SamlException("wrong-audience", "this service is not an audience");
      }
    }
  }

  private static Element bearerConfirmation(Element subject) {
    for (Element c : SamlXml.children(subject, SamlXml.ASSERTION, "SubjectConfirmation")) {
      if ("urn:oasis:names:tc:SAML:2.0:cm:bearer".equals(c.getAttribute("Method"))) {
        Element data = SamlXml.child(c, SamlXml.ASSERTION, "SubjectConfirmationData");
        if (data != null) {
          return data;
        }
      }
    }
    throw new SamlException("invalid-response", "no bearer SubjectConfirmationData");
  }

  private static Instant instant(Element e, String attribute) {
    String v = SamlXml.attr(e, attribute);
    if (v == null) {
      return null;
    }
    try {
      return Instant.parse(v.strip().toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException ex) {
      throw new SamlException("invalid-response", attribute + " " + v);
    }
  }
}
