package jp.ac.umin.libreclinica.umin.sso.saml;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.springframework.core.io.DefaultResourceLoader;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What the SP needs from the IdP's metadata: its entity ID, where to send AuthnRequests and
 * logout requests (HTTP-Redirect), and the certificates it signs with.
 */
public record IdpMetadata(
    String entityId,
    String ssoUrl,
    String sloUrl,
    String sloResponseUrl,
    List<X509Certificate> signingCertificates) {

  /** Reads the metadata from a path, {@code file:}, {@code classpath:} or {@code http(s):} URL. */
  public static IdpMetadata load(String location, String entityId) {
    try {
      byte[] xml;
      if (location.startsWith("https:") || location.startsWith("http:")) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<byte[]> r =
            client.send(
                HttpRequest.newBuilder(URI.create(location)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
          throw new IllegalStateException("IdP metadata " + location + ": HTTP " + r.statusCode());
        }
        xml = r.body();
      } else if (location.contains(":") && !location.matches("^[A-Za-z]:\\\\.*")) {
        try (InputStream in = new DefaultResourceLoader().getResource(location).getInputStream()) {
          xml = in.readAllBytes();
        }
      } else {
        xml = Files.readAllBytes(Path.of(location));
      }
      return parse(xml, entityId);
    } catch (IOException e) {
      throw new IllegalStateException("IdP metadata " + location + " cannot be read", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted reading " + location, e);
    }
  }

  public static IdpMetadata parse(byte[] xml, String entityId) {
    Document doc;
    try {
      doc = SamlXml.builder().parse(new ByteArrayInputStream(xml));
    } catch (Exception e) {
      throw new IllegalStateException("IdP metadata is not well-formed or has a DTD", e);
    }
    NodeList entities = doc.getElementsByTagNameNS(SamlXml.METADATA, "EntityDescriptor");
    for (int i = 0; i < entities.getLength(); i++) {
      Element entity = (Element) entities.item(i);
      Element idp = SamlXml.child(entity, SamlXml.METADATA, "IDPSSODescriptor");
      if (idp == null) {
        continue;
      }
      String id = entity.getAttribute("entityID");
      if (entityId != null && !entityId.isBlank() && !entityId.equals(id)) {
        continue;
      }
      return new IdpMetadata(
          id,
          endpoint(idp, "SingleSignOnService"),
          endpoint(idp, "SingleLogoutService"),
          responseLocation(idp),
          certificates(idp));
    }
    throw new IllegalStateException(
        "no IdP" + (entityId == null || entityId.isBlank() ? "" : " " + entityId) + " in the metadata");
  }

  private static String endpoint(Element idp, String kind) {
    for (Element e : SamlXml.children(idp, SamlXml.METADATA, kind)) {
      if (SamlXml.REDIRECT_BINDING.equals(e.getAttribute("Binding"))) {
        return e.getAttribute("Location");
      }
    }
    return null;
  }

  /** The SingleLogoutService's ResponseLocation (HTTP-Redirect), where logout responses go if it differs. */
  private static String responseLocation(Element idp) {
    for (Element e : SamlXml.children(idp, SamlXml.METADATA, "SingleLogoutService")) {
      if (SamlXml.REDIRECT_BINDING.equals(e.getAttribute("Binding")) && !e.getAttribute("ResponseLocation").isBlank()) {
        return e.getAttribute("ResponseLocation");
      }
    }
    return null;
  }

  private static List<X509Certificate> certificates(Element idp) {
    List<X509Certificate> out = new ArrayList<>();
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      for (Element kd : SamlXml.children(idp, SamlXml.METADATA, "KeyDescriptor")) {
        String use = kd.getAttribute("use");
        if (!use.isEmpty() && !use.equals("signing")) {
          continue;
        }
        NodeList certs = kd.getElementsByTagNameNS(SamlXml.DSIG, "X509Certificate");
        for (int i = 0; i < certs.getLength(); i++) {
          byte[] der = Base64.getMimeDecoder().decode(certs.item(i).getTextContent().strip());
          out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der)));
        }
      }
    } catch (CertificateException e) {
      throw new IllegalStateException("a certificate in the IdP metadata cannot be read", e);
    }
    if (out.isEmpty()) {
      throw new IllegalStateException("the IdP metadata has no signing certificate");
    }
    return List.copyOf(out);
  }
}
