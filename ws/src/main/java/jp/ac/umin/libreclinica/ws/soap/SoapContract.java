package jp.ac.umin.libreclinica.ws.soap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.springframework.core.io.ClassPathResource;
import org.springframework.web.util.HtmlUtils;
import org.xml.sax.SAXException;

/**
 * The contract: our XSDs of the v1 messages, compiled once for validating requests, and the
 * WSDL of each service built around them (both schemas inline, so a client needs one URL).
 */
public class SoapContract {

  private static final String BEANS_RESOURCE = "soap/v1/beans.xsd";

  private final Map<SoapService, Schema> schemas = new EnumMap<>(SoapService.class);
  private final Map<SoapService, String> wsdlTemplates = new EnumMap<>(SoapService.class);

  public SoapContract() {
    String beans = read(BEANS_RESOURCE);
    for (SoapService s : SoapService.values()) {
      String own = read(s.schemaResource());
      schemas.put(s, compile(beans, own));
      wsdlTemplates.put(s, wsdl(s, beans, own));
    }
  }

  /** A validator of this service's messages (validators are not thread-safe: one per use). */
  public Validator validator(SoapService service) {
    Validator v = schemas.get(service).newValidator();
    try {
      v.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      v.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    } catch (SAXException e) {
      throw new IllegalStateException(e);
    }
    return v;
  }

  /** The WSDL with the endpoint at {@code address}. */
  public String wsdl(SoapService service, String address) {
    return wsdlTemplates.get(service).replace("@ADDRESS@", HtmlUtils.htmlEscape(address));
  }

  private static Schema compile(String beans, String own) {
    try {
      SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      // The import of the beans namespace is satisfied by the beans schema given alongside.
      return f.newSchema(
          new StreamSource[] {
            new StreamSource(new java.io.StringReader(beans), "beans.xsd"),
            new StreamSource(new java.io.StringReader(withoutSchemaLocation(own)), "service.xsd")
          });
    } catch (SAXException e) {
      throw new IllegalStateException("SOAP contract schema does not compile", e);
    }
  }

  private static String wsdl(SoapService s, String beans, String own) {
    String ns = s.namespace();
    StringBuilder w = new StringBuilder(16_384);
    w.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append("<!-- UMIN LibreClinica SOAP v1: ").append(s.serviceName()).append(" -->\n")
        .append("<wsdl:definitions xmlns:wsdl=\"http://schemas.xmlsoap.org/wsdl/\"\n")
        .append("    xmlns:soap=\"http://schemas.xmlsoap.org/wsdl/soap/\"\n")
        .append("    xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"\n")
        .append("    xmlns:sch=\"").append(ns).append("\"\n")
        .append("    xmlns:tns=\"").append(ns).append("\"\n")
        .append("    targetNamespace=\"").append(ns).append("\">\n")
        .append("  <wsdl:types>\n")
        .append(body(beans)).append('\n')
        .append(body(withoutSchemaLocation(own))).append('\n')
        .append("  </wsdl:types>\n");
    for (String op : s.operations()) {
      for (String dir : new String[] {"Request", "Response"}) {
        w.append("  <wsdl:message name=\"").append(op).append(dir).append("\">\n")
            .append("    <wsdl:part name=\"").append(op).append(dir)
            .append("\" element=\"sch:").append(op).append(dir).append("\"/>\n")
            .append("  </wsdl:message>\n");
      }
    }
    w.append("  <wsdl:portType name=\"").append(SoapService.PORT_TYPE).append("\">\n");
    for (String op : s.operations()) {
      w.append("    <wsdl:operation name=\"").append(op).append("\">\n")
          .append("      <wsdl:input name=\"").append(op).append("Request\" message=\"tns:")
          .append(op).append("Request\"/>\n")
          .append("      <wsdl:output name=\"").append(op).append("Response\" message=\"tns:")
          .append(op).append("Response\"/>\n")
          .append("    </wsdl:operation>\n");
    }
    w.append("  </wsdl:portType>\n")
        .append("  <wsdl:binding name=\"").append(SoapService.BINDING).append("\" type=\"tns:")
        .append(SoapService.PORT_TYPE).append("\">\n")
        .append("    <soap:binding style=\"document\" transport=\"http://schemas.xmlsoap.org/soap/http\"/>\n");
    for (String op : s.operations()) {
      w.append("    <wsdl:operation name=\"").append(op).append("\">\n")
          .append("      <soap:operation soapAction=\"\"/>\n")
          .append("      <wsdl:input name=\"").append(op).append("Request\"><soap:body use=\"literal\"/></wsdl:input>\n")
          .append("      <wsdl:output name=\"").append(op).append("Response\"><soap:body use=\"literal\"/></wsdl:output>\n")
          .append("    </wsdl:operation>\n");
    }
    w.append("  </wsdl:binding>\n")
        .append("  <wsdl:service name=\"").append(SoapService.SERVICE).append("\">\n")
        .append("    <wsdl:port name=\"").append(SoapService.BINDING).append("\" binding=\"tns:")
        .append(SoapService.BINDING).append("\">\n")
        .append("      <soap:address location=\"@ADDRESS@\"/>\n")
        .append("    </wsdl:port>\n")
        .append("  </wsdl:service>\n")
        .append("</wsdl:definitions>\n");
    return w.toString();
  }

  /** The schema element of an XSD file: without the XML declaration and leading comments. */
  private static String body(String xsd) {
    int start = xsd.indexOf("<xs:schema");
    return xsd.substring(start).strip();
  }

  private static String withoutSchemaLocation(String xsd) {
    return xsd.replace(" schemaLocation=\"beans.xsd\"", "");
  }

  private static String read(String resource) {
    try (InputStream in = new ClassPathResource(resource).getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("missing SOAP contract file " + resource, e);
    }
  }
}
