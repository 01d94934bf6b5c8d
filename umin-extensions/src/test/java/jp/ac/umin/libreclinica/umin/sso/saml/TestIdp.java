package jp.ac.umin.libreclinica.umin.sso.saml;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A SAML IdP for tests: a key pair and self-signed certificate made at test time, its metadata,
 * and signed Responses built to order (good ones and each kind of bad one).
 */
public final class TestIdp {

  public static final String ENTITY_ID = "https://idp.test.example/idp/shibboleth";
  public static final String SSO_URL = "https://idp.test.example/idp/profile/SAML2/Redirect/SSO";
  public static final String SLO_URL = "https://idp.test.example/idp/profile/SAML2/Redirect/SLO";

  public final String ssoUrl;
  public final String sloUrl;
  public final KeyPair keys = keyPair();
  public final X509Certificate certificate = selfSigned(keys, "CN=idp.test.example");

  public TestIdp() {
    this(SSO_URL, SLO_URL);
  }

  /** An IdP whose endpoints are elsewhere (the try-it IdP inside the application). */
  public TestIdp(String ssoUrl, String sloUrl) {
    this.ssoUrl = ssoUrl;
    this.sloUrl = sloUrl;
  }

  public static KeyPair keyPair() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static X509Certificate selfSigned(KeyPair keys, String dn) {
    try {
      Instant now = Instant.now();
      X500Name name = new X500Name(dn);
      var builder =
          new JcaX509v3CertificateBuilder(
              name,
              BigInteger.valueOf(now.toEpochMilli()),
              Date.from(now.minus(1, ChronoUnit.DAYS)),
              Date.from(now.plus(3650, ChronoUnit.DAYS)),
              name,
              keys.getPublic());
      return new JcaX509CertificateConverter()
          .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public String metadata() {
    try {
      String cert = Base64.getEncoder().encodeToString(certificate.getEncoded());
      return "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\""
          + " xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\" entityID=\"" + ENTITY_ID + "\">"
          + "<md:IDPSSODescriptor protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">"
          + "<md:KeyDescriptor use=\"signing\"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>" + cert
          + "</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>"
          + "<md:SingleLogoutService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\" Location=\""
          + sloUrl + "\"/>"
          + "<md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\" Location=\""
          + ssoUrl + "\"/>"
          + "</md:IDPSSODescriptor></md:EntityDescriptor>";
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A Response to build: every field starts as a good one for {@code audience} and {@code acs}. */
  public final class Response {
    public String id = "_" + UUID.randomUUID();
    public String assertionId = "_" + UUID.randomUUID();
    public String inResponseTo;
    public String destination;
    public String recipient;
    public String audience;
    public String issuer = ENTITY_ID;
    public String status = "urn:oasis:names:tc:SAML:2.0:status:Success";
    public Instant issued = Instant.now();
    public Instant authnInstant = issued;
    public Instant notBefore = issued.minusSeconds(5);
    public Instant notOnOrAfter = issued.plusSeconds(300);
    public String nameId = "persistent-" + UUID.randomUUID();
    public Map<String, String> attributes = new LinkedHashMap<>();
    public boolean signAssertion = true;
    public boolean signResponse;
    public KeyPair signingKeys = keys;
    /** Changes the signed assertion after signing (the signature no longer matches). */
    public boolean tamper;
    public String doctype = "";
    /** When set, the (signed) assertion is encrypted for this certificate's key. */
    public X509Certificate encryptFor;
    /** The data encryption algorithm (xmlenc11 GCM or xmlenc CBC). */
    public String dataAlgorithm = "http://www.w3.org/2009/xmlenc11#aes128-gcm";
    /** The key transport: xmlenc rsa-oaep-mgf1p (SHA-1) or xmlenc11 rsa-oaep with SHA-256 and MGF1-SHA-256. */
    public String keyTransport = "http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p";

    Response(String audience, String acs, String inResponseTo) {
      this.audience = audience;
      this.destination = acs;
      this.recipient = acs;
      this.inResponseTo = inResponseTo;
    }

    public Response attribute(String name, String value) {
      attributes.put(name, value);
      return this;
    }

    /** The base64 form field value. */
    public String encoded() {
      return Base64.getEncoder().encodeToString(xml().getBytes(StandardCharsets.UTF_8));
    }

    public String xml() {
      StringBuilder attrs = new StringBuilder();
      for (var a : attributes.entrySet()) {
        attrs.append("<saml:Attribute Name=\"").append(a.getKey()).append("\"><saml:AttributeValue>")
            .append(a.getValue()).append("</saml:AttributeValue></saml:Attribute>");
      }
      String irt = inResponseTo == null ? "" : " InResponseTo=\"" + inResponseTo + "\"";
      String xml =
          doctype
              + "<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\""
              + " xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"" + id + "\" Version=\"2.0\""
              + " IssueInstant=\"" + issued + "\" Destination=\"" + destination + "\"" + irt + ">"
              + "<saml:Issuer>" + issuer + "</saml:Issuer>"
              + "<samlp:Status><samlp:StatusCode Value=\"" + status + "\"/></samlp:Status>"
              + "<saml:Assertion ID=\"" + assertionId + "\" Version=\"2.0\" IssueInstant=\"" + issued + "\">"
              + "<saml:Issuer>" + issuer + "</saml:Issuer>"
              + "<saml:Subject><saml:NameID Format=\"urn:oasis:names:tc:SAML:2.0:nameid-format:persistent\">"
              + nameId + "</saml:NameID>"
              + "<saml:SubjectConfirmation Method=\"urn:oasis:names:tc:SAML:2.0:cm:bearer\">"
              + "<saml:SubjectConfirmationData NotOnOrAfter=\"" + notOnOrAfter + "\" Recipient=\"" + recipient + "\""
              + irt + "/></saml:SubjectConfirmation></saml:Subject>"
              + "<saml:Conditions NotBefore=\"" + notBefore + "\" NotOnOrAfter=\"" + notOnOrAfter + "\">"
              + "<saml:AudienceRestriction><saml:Audience>" + audience + "</saml:Audience></saml:AudienceRestriction>"
              + "</saml:Conditions>"
              + "<saml:AuthnStatement AuthnInstant=\"" + authnInstant + "\"><saml:AuthnContext><saml:AuthnContextClassRef>"
              + "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"
              + "</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>"
              + "<saml:AttributeStatement>" + attrs + "</saml:AttributeStatement>"
              + "</saml:Assertion></samlp:Response>";
      if (!doctype.isEmpty()) {
        return xml;
      }
      try {
        var f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element response = doc.getDocumentElement();
        Element assertion =
            (Element) doc.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion", "Assertion").item(0);
        response.setIdAttribute("ID", true);
        assertion.setIdAttribute("ID", true);
        if (signAssertion) {
          sign(assertion, assertionId, assertion.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion", "Subject").item(0));
        }
        if (tamper) {
          Element nid = (Element) assertion.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion", "NameID").item(0);
          nid.setTextContent(nid.getTextContent() + "-changed");
        }
        if (encryptFor != null) {
          encrypt(doc, assertion);
        }
        if (signResponse) {
          sign(response, id, response.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:protocol", "Status").item(0));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TransformerFactory.newInstance().newTransformer().transform(new DOMSource(doc), new StreamResult(out));
        return out.toString(StandardCharsets.UTF_8);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    /** Replaces the assertion by an EncryptedAssertion (XML Encryption, built here with the JDK's ciphers). */
    private void encrypt(Document doc, Element assertion) throws Exception {
      assertion.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:saml", "urn:oasis:names:tc:SAML:2.0:assertion");
      ByteArrayOutputStream plain = new ByteArrayOutputStream();
      var t = TransformerFactory.newInstance().newTransformer();
      t.setOutputProperty(javax.xml.transform.OutputKeys.OMIT_XML_DECLARATION, "yes");
      t.transform(new DOMSource(assertion), new StreamResult(plain));
      boolean gcm = dataAlgorithm.contains("xmlenc11");
      int keyBytes = dataAlgorithm.contains("256") ? 32 : dataAlgorithm.contains("192") ? 24 : 16;
      java.security.SecureRandom random = new java.security.SecureRandom();
      byte[] aesKey = new byte[keyBytes];
      random.nextBytes(aesKey);
      byte[] iv = new byte[gcm ? 12 : 16];
      random.nextBytes(iv);
      byte[] data = plain.toByteArray();
      javax.crypto.Cipher aes;
      if (gcm) {
        aes = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
        aes.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(aesKey, "AES"),
            new javax.crypto.spec.GCMParameterSpec(128, iv));
      } else {
        int pad = 16 - data.length % 16;
        data = java.util.Arrays.copyOf(data, data.length + pad);
        data[data.length - 1] = (byte) pad;
        aes = javax.crypto.Cipher.getInstance("AES/CBC/NoPadding");
        aes.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(aesKey, "AES"),
            new javax.crypto.spec.IvParameterSpec(iv));
      }
      byte[] encrypted = aes.doFinal(data);
      byte[] cipherValue = new byte[iv.length + encrypted.length];
      System.arraycopy(iv, 0, cipherValue, 0, iv.length);
      System.arraycopy(encrypted, 0, cipherValue, iv.length, encrypted.length);

      boolean oaep11 = keyTransport.contains("xmlenc11");
      String digest = oaep11 ? "SHA-256" : "SHA-1";
      javax.crypto.Cipher rsa = javax.crypto.Cipher.getInstance("RSA/ECB/OAEPPadding");
      rsa.init(javax.crypto.Cipher.ENCRYPT_MODE, encryptFor.getPublicKey(),
          new javax.crypto.spec.OAEPParameterSpec(digest, "MGF1",
              new java.security.spec.MGF1ParameterSpec(digest), javax.crypto.spec.PSource.PSpecified.DEFAULT));
      byte[] wrapped = rsa.doFinal(aesKey);
      String keyMethod =
          oaep11
              ? "<xenc:EncryptionMethod Algorithm=\"" + keyTransport + "\">"
                  + "<ds:DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/>"
                  + "<xenc11:MGF xmlns:xenc11=\"http://www.w3.org/2009/xmlenc11#\" Algorithm=\"http://www.w3.org/2009/xmlenc11#mgf1sha256\"/>"
                  + "</xenc:EncryptionMethod>"
              : "<xenc:EncryptionMethod Algorithm=\"" + keyTransport + "\">"
                  + "<ds:DigestMethod Algorithm=\"http://www.w3.org/2000/09/xmldsig#sha1\"/></xenc:EncryptionMethod>";
      String xml =
          "<saml:EncryptedAssertion xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\">"
              + "<xenc:EncryptedData xmlns:xenc=\"http://www.w3.org/2001/04/xmlenc#\""
              + " Type=\"http://www.w3.org/2001/04/xmlenc#Element\">"
              + "<xenc:EncryptionMethod Algorithm=\"" + dataAlgorithm + "\"/>"
              + "<ds:KeyInfo xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><xenc:EncryptedKey>" + keyMethod
              + "<xenc:CipherData><xenc:CipherValue>" + Base64.getEncoder().encodeToString(wrapped)
              + "</xenc:CipherValue></xenc:CipherData></xenc:EncryptedKey></ds:KeyInfo>"
              + "<xenc:CipherData><xenc:CipherValue>" + Base64.getEncoder().encodeToString(cipherValue)
              + "</xenc:CipherValue></xenc:CipherData></xenc:EncryptedData></saml:EncryptedAssertion>";
      var f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      Element parsed =
          f.newDocumentBuilder()
              .parse(new java.io.ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
              .getDocumentElement();
      assertion.getParentNode().replaceChild(doc.importNode(parsed, true), assertion);
    }

    private void sign(Element element, String elementId, org.w3c.dom.Node before) throws Exception {
      XMLSignatureFactory f = XMLSignatureFactory.getInstance("DOM");
      Reference ref =
          f.newReference(
              "#" + elementId,
              f.newDigestMethod(DigestMethod.SHA256, null),
              List.of(
                  f.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null),
                  f.newTransform(CanonicalizationMethod.EXCLUSIVE, (TransformParameterSpec) null)),
              null,
              null);
      SignedInfo si =
          f.newSignedInfo(
              f.newCanonicalizationMethod(CanonicalizationMethod.EXCLUSIVE, (C14NMethodParameterSpec) null),
              f.newSignatureMethod("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", null),
              List.of(ref));
      DOMSignContext ctx = new DOMSignContext(signingKeys.getPrivate(), element, before);
      ctx.setDefaultNamespacePrefix("ds");
      f.newXMLSignature(si, null).sign(ctx);
    }
  }

  /**
   * A LogoutRequest from this IdP for {@code nameId} as the browser brings it (HTTP-Redirect
   * binding, signed with {@code signingKeys} unless null), addressed to {@code destination}.
   */
  public String logoutRequestQuery(String nameId, String destination, String relayState, KeyPair signingKeys)
      throws Exception {
    String xml =
        "<samlp:LogoutRequest xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\""
            + " xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"_lr" + UUID.randomUUID() + "\""
            + " Version=\"2.0\" IssueInstant=\"" + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\""
            + " Destination=\"" + destination + "\"><saml:Issuer>" + ENTITY_ID + "</saml:Issuer>"
            + "<saml:NameID Format=\"urn:oasis:names:tc:SAML:2.0:nameid-format:persistent\">" + nameId
            + "</saml:NameID></samlp:LogoutRequest>";
    ByteArrayOutputStream deflated = new ByteArrayOutputStream();
    try (var out = new java.util.zip.DeflaterOutputStream(
        deflated, new java.util.zip.Deflater(java.util.zip.Deflater.DEFLATED, true))) {
      out.write(xml.getBytes(StandardCharsets.UTF_8));
    }
    String query =
        "SAMLRequest=" + enc(Base64.getEncoder().encodeToString(deflated.toByteArray()))
            + (relayState == null ? "" : "&RelayState=" + enc(relayState));
    if (signingKeys != null) {
      query += "&SigAlg=" + enc("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256");
      java.security.Signature s = java.security.Signature.getInstance("SHA256withRSA");
      s.initSign(signingKeys.getPrivate());
      s.update(query.getBytes(StandardCharsets.UTF_8));
      query += "&Signature=" + enc(Base64.getEncoder().encodeToString(s.sign()));
    }
    return query;
  }

  private static String enc(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  public Response response(String audience, String acs, String inResponseTo) {
    return new Response(audience, acs, inResponseTo);
  }
}
