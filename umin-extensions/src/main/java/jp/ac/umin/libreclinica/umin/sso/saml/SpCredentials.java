package jp.ac.umin.libreclinica.umin.sso.saml;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * This SP's own key pair, from PEM files outside the repository ({@code lc.sso.saml.sp-key},
 * {@code lc.sso.saml.sp-certificate}): it signs AuthnRequests, LogoutRequests and
 * LogoutResponses (HTTP-Redirect binding, rsa-sha256) and decrypts encrypted assertions. The
 * certificate goes into the SP metadata for both uses.
 */
public final class SpCredentials {

  /** The signature algorithm of the redirect binding. */
  public static final String RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";

  private final PrivateKey key;
  private final X509Certificate certificate;

  public SpCredentials(PrivateKey key, X509Certificate certificate) {
    this.key = key;
    this.certificate = certificate;
    byte[] probe = "lc-sp-key-check".getBytes(StandardCharsets.US_ASCII);
    if (!verify(certificate, RSA_SHA256, probe, sign(probe))) {
      throw new IllegalStateException("lc.sso.saml.sp-key does not belong to lc.sso.saml.sp-certificate");
    }
  }

  /** Reads the PEM key (PKCS#8 {@code PRIVATE KEY} or PKCS#1 {@code RSA PRIVATE KEY}, not encrypted) and certificate. */
  public static SpCredentials load(String keyFile, String certificateFile) {
    if (keyFile.isBlank() || certificateFile.isBlank()) {
      throw new IllegalStateException("lc.sso.saml.sp-key and lc.sso.saml.sp-certificate are needed together");
    }
    String keyPem;
    byte[] certPem;
    try {
      keyPem = Files.readString(Path.of(keyFile), StandardCharsets.US_ASCII);
      certPem = Files.readAllBytes(Path.of(certificateFile));
    } catch (IOException e) {
      throw new IllegalStateException("the SP key or certificate cannot be read: " + e.getMessage(), e);
    }
    try {
      X509Certificate certificate =
          (X509Certificate)
              CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(certPem));
      return new SpCredentials(privateKey(keyPem), certificate);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("the SP key or certificate is not a PEM RSA key / X.509 certificate: " + e.getMessage(), e);
    }
  }

  static PrivateKey privateKey(String pem) throws GeneralSecurityException {
    if (pem.contains("ENCRYPTED PRIVATE KEY")) {
      throw new IllegalStateException("lc.sso.saml.sp-key must not be encrypted (protect it by file permissions)");
    }
    boolean pkcs1 = pem.contains("BEGIN RSA PRIVATE KEY");
    String marker = pkcs1 ? "RSA PRIVATE KEY" : "PRIVATE KEY";
    int start = pem.indexOf("-----BEGIN " + marker + "-----");
    int end = pem.indexOf("-----END " + marker + "-----");
    if (start < 0 || end < 0) {
      throw new IllegalStateException("lc.sso.saml.sp-key has no PEM private key");
    }
    byte[] der =
        Base64.getMimeDecoder().decode(pem.substring(start + ("-----BEGIN " + marker + "-----").length(), end));
    if (pkcs1) {
      der = pkcs8OfPkcs1(der);
    }
    return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
  }

  /** PrivateKeyInfo { version 0, rsaEncryption with NULL parameters, OCTET STRING of the PKCS#1 key }. */
  private static byte[] pkcs8OfPkcs1(byte[] pkcs1) {
    byte[] algorithm = {
      0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00
    };
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(new byte[] {0x02, 0x01, 0x00});
    body.writeBytes(algorithm);
    body.write(0x04);
    body.writeBytes(derLength(pkcs1.length));
    body.writeBytes(pkcs1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x30);
    out.writeBytes(derLength(body.size()));
    out.writeBytes(body.toByteArray());
    return out.toByteArray();
  }

  private static byte[] derLength(int n) {
    if (n < 0x80) {
      return new byte[] {(byte) n};
    }
    if (n < 0x100) {
      return new byte[] {(byte) 0x81, (byte) n};
    }
    if (n < 0x10000) {
      return new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n};
    }
    return new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
  }

  public PrivateKey key() {
    return key;
  }

  public X509Certificate certificate() {
    return certificate;
  }

  /** The certificate, base64 DER, as it goes into {@code ds:X509Certificate}. */
  public String certificateBase64() {
    try {
      return Base64.getEncoder().encodeToString(certificate.getEncoded());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An rsa-sha256 signature over {@code data}. */
  public byte[] sign(byte[] data) {
    try {
      Signature s = Signature.getInstance("SHA256withRSA");
      s.initSign(key);
      s.update(data);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Whether {@code signature} over {@code data} verifies with {@code certificate}'s key, for the
   * redirect binding's {@code SigAlg}: rsa-sha256 (and rsa-sha512); rsa-sha1 and anything else is
   * refused.
   */
  public static boolean verify(X509Certificate certificate, String sigAlg, byte[] data, byte[] signature) {
    String jca =
        switch (sigAlg == null ? "" : sigAlg) {
          case RSA_SHA256 -> "SHA256withRSA";
          case "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512" -> "SHA512withRSA";
          default -> null;
        };
    if (jca == null) {
      return false;
    }
    try {
      Signature s = Signature.getInstance(jca);
      s.initVerify(certificate.getPublicKey());
      s.update(data);
      return s.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
