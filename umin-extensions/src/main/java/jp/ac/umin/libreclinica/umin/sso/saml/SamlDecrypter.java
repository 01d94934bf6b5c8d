package jp.ac.umin.libreclinica.umin.sso.saml;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Decrypts a SAML {@code EncryptedAssertion} (XML Encryption) with this SP's private key, with
 * the JDK's cryptography only (Apache Santuario is not among the libraries this project may use):
 * the content key is transported with RSA-OAEP ({@code xmlenc#rsa-oaep-mgf1p}, or
 * {@code xmlenc11#rsa-oaep} with its digest and MGF1 digest), the assertion encrypted with
 * AES-GCM ({@code xmlenc11#aes128-gcm}, {@code aes192-gcm}, {@code aes256-gcm}) or AES-CBC
 * ({@code xmlenc#aes128-cbc}, {@code aes192-cbc}, {@code aes256-cbc}). RSA PKCS#1 v1.5 key
 * transport is refused. The plaintext is parsed as XML with the same hardened parser as the
 * Response (no DTD, no external entities), inside an element that declares the namespaces in
 * scope where the encrypted assertion was. Every failure is one reason, {@code not-decrypted},
 * with the detail only in the server log.
 */
final class SamlDecrypter {

  static final String XENC = "http://www.w3.org/2001/04/xmlenc#";
  static final String XENC11 = "http://www.w3.org/2009/xmlenc11#";
  static final String RSA_OAEP_MGF1P = XENC + "rsa-oaep-mgf1p";
  static final String RSA_OAEP_11 = XENC11 + "rsa-oaep";
  static final String AES128_GCM = XENC11 + "aes128-gcm";
  static final String AES192_GCM = XENC11 + "aes192-gcm";
  static final String AES256_GCM = XENC11 + "aes256-gcm";
  static final String AES128_CBC = XENC + "aes128-cbc";
  static final String AES192_CBC = XENC + "aes192-cbc";
  static final String AES256_CBC = XENC + "aes256-cbc";
  static final String ELEMENT_TYPE = XENC + "Element";

  private SamlDecrypter() {}

  /**
   * The decrypted Assertion, put in the place of {@code encryptedAssertion} in its document.
   * AES-CBC has no integrity of its own (the XML Encryption CBC attack uses the difference between
   * "does not decrypt or parse" and later refusals as an oracle), so a CBC-encrypted assertion is
   * decrypted only inside a Response whose signature was verified ({@code responseSigned}), which
   * covers the cipher text; GCM is authenticated and needs no such signature.
   */
  static Element decryptInPlace(Element encryptedAssertion, PrivateKey key, boolean responseSigned) {
    if (key == null) {
      throw new SamlException("not-decrypted", "an encrypted assertion, but no lc.sso.saml.sp-key");
    }
    Element data = SamlXml.child(encryptedAssertion, XENC, "EncryptedData");
    if (data == null) {
      throw new SamlException("not-decrypted", "no EncryptedData");
    }
    String type = SamlXml.attr(data, "Type");
    if (type != null && !ELEMENT_TYPE.equals(type)) {
      throw new SamlException("not-decrypted", "EncryptedData Type " + type);
    }
    String dataAlgorithm = algorithm(data);
    if (!responseSigned && dataAlgorithm.startsWith(XENC) && dataAlgorithm.endsWith("-cbc")) {
      throw new SamlException("not-decrypted", "AES-CBC is accepted only in a signed Response");
    }
    byte[] contentKey = unwrapKey(encryptedKey(encryptedAssertion, data), key);
    byte[] plain = decryptData(dataAlgorithm, contentKey, cipherValue(data));
    Element assertion = parseInContext(plain, encryptedAssertion);
    if (!SamlXml.ASSERTION.equals(assertion.getNamespaceURI()) || !"Assertion".equals(assertion.getLocalName())) {
      throw new SamlException("not-decrypted", "the decrypted element is not an Assertion");
    }
    Document doc = encryptedAssertion.getOwnerDocument();
    Element imported = (Element) doc.importNode(assertion, true);
    // Namespace declarations the plaintext took from the context stay valid where it goes.
    encryptedAssertion.getParentNode().replaceChild(imported, encryptedAssertion);
    return imported;
  }

  private static Element encryptedKey(Element encryptedAssertion, Element data) {
    Element keyInfo = SamlXml.child(data, SamlXml.DSIG, "KeyInfo");
    List<Element> keys = new ArrayList<>();
    if (keyInfo != null) {
      keys.addAll(SamlXml.children(keyInfo, XENC, "EncryptedKey"));
    }
    // Shibboleth and others may put the EncryptedKey beside the EncryptedData (RetrievalMethod).
    keys.addAll(SamlXml.children(encryptedAssertion, XENC, "EncryptedKey"));
    if (keys.isEmpty()) {
      throw new SamlException("not-decrypted", "no EncryptedKey");
    }
    if (keys.size() > 4) {
      throw new SamlException("not-decrypted", "too many EncryptedKeys");
    }
    return keys.get(0);
  }

  private static byte[] unwrapKey(Element encryptedKey, PrivateKey key) {
    Element method = SamlXml.child(encryptedKey, XENC, "EncryptionMethod");
    String algorithm = method == null ? null : SamlXml.attr(method, "Algorithm");
    if (!RSA_OAEP_MGF1P.equals(algorithm) && !RSA_OAEP_11.equals(algorithm)) {
      throw new SamlException("not-decrypted", "key transport " + algorithm + " is not accepted");
    }
    Element digest = SamlXml.child(method, SamlXml.DSIG, "DigestMethod");
    String digestName = digestName(digest == null ? null : SamlXml.attr(digest, "Algorithm"));
    String mgfDigest = "SHA-1";
    if (RSA_OAEP_11.equals(algorithm)) {
      Element mgf = SamlXml.child(method, XENC11, "MGF");
      mgfDigest = mgfDigestName(mgf == null ? null : SamlXml.attr(mgf, "Algorithm"));
    }
    Element params = SamlXml.child(method, XENC, "OAEPparams");
    PSource source =
        params == null
            ? PSource.PSpecified.DEFAULT
            : new PSource.PSpecified(base64(SamlXml.text(params)));
    try {
      Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
      rsa.init(
          Cipher.DECRYPT_MODE,
          key,
          new OAEPParameterSpec(digestName, "MGF1", new MGF1ParameterSpec(mgfDigest), source));
      return rsa.doFinal(cipherValue(encryptedKey));
    } catch (GeneralSecurityException e) {
      throw new SamlException("not-decrypted", "the content key does not decrypt with this SP's key");
    }
  }

  private static byte[] decryptData(String algorithm, byte[] contentKey, byte[] cipherText) {
    int keyLength =
        switch (algorithm) {
          case AES128_GCM, AES128_CBC -> 16;
          case AES192_GCM, AES192_CBC -> 24;
          case AES256_GCM, AES256_CBC -> 32;
          default -> throw new SamlException("not-decrypted", "data encryption " + algorithm + " is not accepted");
        };
    if (contentKey.length != keyLength) {
      throw new SamlException("not-decrypted", "content key of " + contentKey.length + " bytes for " + algorithm);
    }
    boolean gcm = algorithm.startsWith(XENC11);
    try {
      SecretKeySpec aes = new SecretKeySpec(contentKey, "AES");
      if (gcm) {
        if (cipherText.length < 12 + 16) {
          throw new SamlException("not-decrypted", "cipher text too short");
        }
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.DECRYPT_MODE, aes, new GCMParameterSpec(128, cipherText, 0, 12));
        return c.doFinal(cipherText, 12, cipherText.length - 12);
      }
      if (cipherText.length < 32 || cipherText.length % 16 != 0) {
        throw new SamlException("not-decrypted", "cipher text length " + cipherText.length);
      }
      Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
      c.init(Cipher.DECRYPT_MODE, aes, new IvParameterSpec(cipherText, 0, 16));
      byte[] padded = c.doFinal(cipherText, 16, cipherText.length - 16);
      // XML Encryption padding: the last byte is the number of padding bytes (1..16), the rest arbitrary.
      int pad = padded[padded.length - 1] & 0xff;
      if (pad < 1 || pad > 16) {
        throw new SamlException("not-decrypted", "bad padding");
      }
      return Arrays.copyOf(padded, padded.length - pad);
    } catch (GeneralSecurityException e) {
      throw new SamlException("not-decrypted", "the assertion does not decrypt");
    }
  }

  /** Parses the plaintext inside an element that declares the namespaces in scope at {@code context}. */
  private static Element parseInContext(byte[] plain, Element context) {
    StringBuilder declarations = new StringBuilder();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (Node n = context; n instanceof Element e; n = n.getParentNode()) {
      NamedNodeMap attributes = e.getAttributes();
      for (int i = 0; i < attributes.getLength(); i++) {
        Attr a = (Attr) attributes.item(i);
        if ("http://www.w3.org/2000/xmlns/".equals(a.getNamespaceURI()) && seen.add(a.getName())) {
          declarations.append(' ').append(a.getName()).append("=\"")
              .append(SamlServiceProvider.escape(a.getValue())).append('"');
        }
      }
    }
    String text = new String(plain, StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    if (text.startsWith("<?xml")) {
      int end = text.indexOf("?>");
      text = end < 0 ? text : text.substring(end + 2);
    }
    String wrapped = "<lc-decrypted" + declarations + ">" + text + "</lc-decrypted>";
    Document doc;
    try {
      doc = SamlXml.builder().parse(new ByteArrayInputStream(wrapped.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new SamlException("not-decrypted", "the decrypted content is not well-formed XML: " + e.getMessage());
    }
    List<Element> elements = new ArrayList<>();
    for (Node n = doc.getDocumentElement().getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        elements.add(e);
      }
    }
    if (elements.size() != 1) {
      throw new SamlException("not-decrypted", "the decrypted content is not one element");
    }
    // Declarations the assertion needs from the wrapper go onto the assertion itself.
    Element assertion = elements.get(0);
    NamedNodeMap wrapperAttributes = doc.getDocumentElement().getAttributes();
    for (int i = 0; i < wrapperAttributes.getLength(); i++) {
      Attr a = (Attr) wrapperAttributes.item(i);
      if (!assertion.hasAttribute(a.getName())) {
        assertion.setAttributeNS("http://www.w3.org/2000/xmlns/", a.getName(), a.getValue());
      }
    }
    return assertion;
  }

  private static String algorithm(Element encrypted) {
    Element method = SamlXml.child(encrypted, XENC, "EncryptionMethod");
    String algorithm = method == null ? null : SamlXml.attr(method, "Algorithm");
    if (algorithm == null) {
      throw new SamlException("not-decrypted", "no EncryptionMethod");
    }
    return algorithm;
  }

  private static byte[] cipherValue(Element encrypted) {
    Element data = SamlXml.child(encrypted, XENC, "CipherData");
    Element value = data == null ? null : SamlXml.child(data, XENC, "CipherValue");
    if (value == null) {
      throw new SamlException("not-decrypted", "no CipherValue (CipherReference is not accepted)");
    }
    return base64(SamlXml.text(value));
  }

  private static byte[] base64(String s) {
    try {
      return Base64.getMimeDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      throw new SamlException("not-decrypted", "not base64");
    }
  }

  private static String digestName(String uri) {
    if (uri == null || uri.equals("http://www.w3.org/2000/09/xmldsig#sha1")) {
      return "SHA-1";
    }
    return switch (uri) {
      case "http://www.w3.org/2001/04/xmlenc#sha256" -> "SHA-256";
      case "http://www.w3.org/2001/04/xmldsig-more#sha384" -> "SHA-384";
      case "http://www.w3.org/2001/04/xmlenc#sha512" -> "SHA-512";
      default -> throw new SamlException("not-decrypted", "OAEP digest " + uri);
    };
  }

  private static String mgfDigestName(String uri) {
    if (uri == null) {
      return "SHA-1";
    }
    return switch (uri) {
      case XENC11 + "mgf1sha1" -> "SHA-1";
      case XENC11 + "mgf1sha224" -> "SHA-224";
      case XENC11 + "mgf1sha256" -> "SHA-256";
      case XENC11 + "mgf1sha384" -> "SHA-384";
      case XENC11 + "mgf1sha512" -> "SHA-512";
      default -> throw new SamlException("not-decrypted", "MGF " + uri);
    };
  }
}
