package jp.ac.umin.libreclinica.umin.sso.saml;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.junit.Test;

public class SpCredentialsTest {

  private final KeyPair keys = TestIdp.keyPair();
  private final X509Certificate certificate = TestIdp.selfSigned(keys, "CN=sp.test.example");

  private static String file(String content) throws Exception {
    Path p = Files.createTempFile("pem", ".pem");
    p.toFile().deleteOnExit();
    Files.writeString(p, content, StandardCharsets.US_ASCII);
    return p.toString();
  }

  @Test
  public void readsPkcs8AndPkcs1KeysThatSignVerifiably() throws Exception {
    String cert = file(SamlSpKeyTest.pem("CERTIFICATE", certificate.getEncoded()));
    byte[] pkcs1 = PrivateKeyInfo.getInstance(keys.getPrivate().getEncoded()).parsePrivateKey().toASN1Primitive().getEncoded();
    for (String key :
        new String[] {
          SamlSpKeyTest.pem("PRIVATE KEY", keys.getPrivate().getEncoded()),
          SamlSpKeyTest.pem("RSA PRIVATE KEY", pkcs1)
        }) {
      SpCredentials c = SpCredentials.load(file(key), cert);
      byte[] data = "SAMLRequest=x&SigAlg=y".getBytes(StandardCharsets.UTF_8);
      assertTrue(SpCredentials.verify(certificate, SpCredentials.RSA_SHA256, data, c.sign(data)));
      assertFalse(SpCredentials.verify(certificate, SpCredentials.RSA_SHA256, "tampered".getBytes(), c.sign(data)));
      assertFalse(
          "rsa-sha1 is not accepted",
          SpCredentials.verify(certificate, "http://www.w3.org/2000/09/xmldsig#rsa-sha1", data, c.sign(data)));
    }
  }

  @Test
  public void aKeyOfAnotherCertificateAnEncryptedKeyOrAMissingFileIsAClearStartUpError() throws Exception {
    String cert = file(SamlSpKeyTest.pem("CERTIFICATE", certificate.getEncoded()));
    String other = file(SamlSpKeyTest.pem("PRIVATE KEY", TestIdp.keyPair().getPrivate().getEncoded()));
    assertEquals(
        "lc.sso.saml.sp-key does not belong to lc.sso.saml.sp-certificate",
        assertThrows(IllegalStateException.class, () -> SpCredentials.load(other, cert)).getMessage());
    String encrypted = file("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n");
    assertTrue(
        assertThrows(IllegalStateException.class, () -> SpCredentials.load(encrypted, cert))
            .getMessage().contains("must not be encrypted"));
    assertTrue(
        assertThrows(IllegalStateException.class, () -> SpCredentials.load("/nonexistent/sp-key.pem", cert))
            .getMessage().contains("cannot be read"));
    assertTrue(
        assertThrows(IllegalStateException.class, () -> SpCredentials.load(other, ""))
            .getMessage().contains("needed together"));
  }
}
