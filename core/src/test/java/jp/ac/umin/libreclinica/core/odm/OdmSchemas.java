package jp.ac.umin.libreclinica.core.odm;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.nio.charset.StandardCharsets;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import jp.ac.umin.libreclinica.core.crf.template.SharedReference;
import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The ODM schemas for tests: the published ones from {@code lc.shared.dir}/reference/odm (never
 * copied into the project) and ours (the addendum, from the classpath, resolving the published
 * files by name). Loading is hardened: secure processing, no DTD or schema fetched from anywhere
 * but local files, and the instance validator fetches nothing at all.
 */
public final class OdmSchemas {

  private static final String ADDENDUM_ENTRY = "/odm/lc-odm-oc-with-addendum.xsd";

  private OdmSchemas() {}

  public static Path referenceDir() {
    return SharedReference.dir().resolve("reference/odm");
  }

  /** The published plain CDISC ODM 1.3 schema. */
  public static Schema plainOdm() {
    return load(new StreamSource(referenceDir().resolve("ODM1-3-0.xsd").toUri().toString()));
  }

  /** The published OpenClinica-ODM1-3-0-OC2-0.xsd, unchanged. */
  public static Schema openClinica() {
    return load(new StreamSource(
        referenceDir().resolve("OpenClinica-ODM1-3-0-OC2-0.xsd").toUri().toString()));
  }

  /** The published OpenClinica schema plus our addendum. */
  public static Schema openClinicaWithAddendum() {
    URL entry = OdmSchemas.class.getResource(ADDENDUM_ENTRY);
    if (entry == null) {
      throw new IllegalStateException("addendum schema not on the classpath: " + ADDENDUM_ENTRY);
    }
    return load(new StreamSource(entry.toString()));
  }

  /** Every validation error of {@code xml} (empty when valid). */
  public static List<String> errors(Schema schema, byte[] xml) {
    List<String> errors = new ArrayList<>();
    Validator validator = schema.newValidator();
    try {
      validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      validator.setErrorHandler(new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {}

        @Override
        public void error(SAXParseException e) {
          errors.add(e.getLineNumber() + ":" + e.getColumnNumber() + " " + e.getMessage());
        }

        @Override
        public void fatalError(SAXParseException e) {
          errors.add(e.getLineNumber() + ":" + e.getColumnNumber() + " FATAL " + e.getMessage());
        }
      });
      validator.validate(new StreamSource(new ByteArrayInputStream(xml)));
    } catch (SAXException e) {
      if (errors.isEmpty()) {
        errors.add(e.getMessage());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return errors;
  }

  private static Schema load(StreamSource source) {
    try {
      SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file,jar");
      factory.setResourceResolver(new PublishedSchemaResolver());
      return factory.newSchema(source);
    } catch (SAXException e) {
      throw new IllegalStateException("cannot load schema " + source.getSystemId(), e);
    }
  }

  /**
   * Finds every schema document in the reference folder: those our schemas name by file name,
   * and those the published ones import. The published xmldsig-core-schema.xsd names the XML
   * Schema DTD on the web in its DOCTYPE; that external identifier is left out when it is read
   * (its internal subset stays), so nothing is ever fetched from the network.
   */
  private static final class PublishedSchemaResolver implements LSResourceResolver {
    @Override
    public LSInput resolveResource(
        String type, String namespace, String publicId, String systemId, String baseUri) {
      if (systemId == null || systemId.startsWith("lc-odm-") || systemId.contains("/")) {
        return null;
      }
      Path published = referenceDir().resolve(systemId);
      if (!Files.isRegularFile(published)) {
        return null;
      }
      try {
        String text = Files.readString(published, StandardCharsets.UTF_8);
        text = EXTERNAL_DTD.matcher(text).replaceFirst("<!DOCTYPE $1");
        return new FileInput(published.toUri().toString(), text.getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static final Pattern EXTERNAL_DTD =
      Pattern.compile("<!DOCTYPE\\s+(\\w+)\\s+PUBLIC\\s+\"[^\"]*\"\\s+\"[^\"]*\"");

  private record FileInput(String systemId, byte[] bytes) implements LSInput {
    @Override public Reader getCharacterStream() { return null; }
    @Override public void setCharacterStream(Reader r) {}
    @Override public InputStream getByteStream() { return new ByteArrayInputStream(bytes); }
    @Override public void setByteStream(InputStream s) {}
    @Override public String getStringData() { return null; }
    @Override public void setStringData(String s) {}
    @Override public String getSystemId() { return systemId; }
    @Override public void setSystemId(String s) {}
    @Override public String getPublicId() { return null; }
    @Override public void setPublicId(String s) {}
    @Override public String getBaseURI() { return null; }
    @Override public void setBaseURI(String s) {}
    @Override public String getEncoding() { return null; }
    @Override public void setEncoding(String s) {}
    @Override public boolean getCertifiedText() { return false; }
    @Override public void setCertifiedText(boolean b) {}
  }
}
