package jp.ac.umin.libreclinica.ws.rest;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.util.Locale;
import jp.ac.umin.libreclinica.core.odm.ClinicalDataExporter;
import jp.ac.umin.libreclinica.core.odm.ClinicalDataFilter;
import jp.ac.umin.libreclinica.core.odm.OdmExportOptions;
import jp.ac.umin.libreclinica.core.odm.OdmMetadataExporter;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.ws.api.ApiLocales;
import jp.ac.umin.libreclinica.ws.api.ApiProblems;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * LibreClinica's REST URLs for ODM clinical data and metadata, as XML, JSON (LibreClinica's
 * shape, see {@link OdmJson}) or a printable HTML page. The caller signs in with an API token
 * or with the session of a form sign-in ({@code /j_spring_security_check}); the study role
 * decides, through the core services, what may be read.
 */
@Controller
public class LegacyRestController {

  private final ClinicalDataExporter clinical;
  private final OdmMetadataExporter metadata;
  private final ApiProblems problems;
  private final MessageSource messages;

  public LegacyRestController(
      ClinicalDataExporter clinical, OdmMetadataExporter metadata, ApiProblems problems,
      MessageSource messages) {
    this.clinical = clinical;
    this.metadata = metadata;
    this.problems = problems;
    this.messages = messages;
  }

  /** {@code /rest/clinicaldata/{xml|json|html}/{view|print}/{study}/{subject|*}/{event|*}/{form|*}}. */
  @GetMapping("/rest/clinicaldata/{format}/{mode}/{studyOid}/{subject}/{event}/{form}")
  public void clinicalData(
      @PathVariable String format,
      @PathVariable String mode,
      @PathVariable String studyOid,
      @PathVariable String subject,
      @PathVariable String event,
      @PathVariable String form,
      @RequestParam(name = "includeDNs", defaultValue = "n") String includeNotes,
      @RequestParam(name = "includeAudits", defaultValue = "n") String includeAudits,
      Principal principal,
      HttpServletRequest request,
      HttpServletResponse response)
      throws IOException {
    Format f = Format.of(format, mode);
    if (f == null) {
      problems.write(request, response, 404, "api.error.notFound", new Object[] {request.getRequestURI()}, null);
      return;
    }
    String actor = principal.getName();
    Study study = clinical.extractableByOid(actor, studyOid);
    ClinicalDataFilter filter =
        ClinicalDataFilter.fromPath(subject, event, form, yes(includeAudits)).withNotes(yes(includeNotes));
    write(f, response, request, "clinicaldata", out ->
        clinical.exportFull(actor, study.getId(), filter, OdmExportOptions.libreClinica(), out));
  }

  /** {@code /rest/metadata/{xml|json|html}/view/{study}/*\/*}. */
  @GetMapping({"/rest/metadata/{format}/{mode}/{studyOid}/{a}/{b}", "/rest/metadata/{format}/{mode}/{studyOid}"})
  public void metadata(
      @PathVariable String format,
      @PathVariable String mode,
      @PathVariable String studyOid,
      Principal principal,
      HttpServletRequest request,
      HttpServletResponse response)
      throws IOException {
    Format f = Format.of(format, mode);
    if (f == null) {
      problems.write(request, response, 404, "api.error.notFound", new Object[] {request.getRequestURI()}, null);
      return;
    }
    String actor = principal.getName();
    Study study = clinical.extractableByOid(actor, studyOid);
    write(f, response, request, "metadata", out ->
        metadata.export(actor, study.getId(), OdmExportOptions.libreClinica(), out));
  }

  private static boolean yes(String flag) {
    return flag != null && (flag.equalsIgnoreCase("y") || flag.equalsIgnoreCase("yes") || flag.equalsIgnoreCase("true"));
  }

  private interface Export {
    void to(OutputStream out) throws IOException;
  }

  private void write(Format f, HttpServletResponse response, HttpServletRequest request, String what, Export export)
      throws IOException {
    if (f == Format.XML) {
      response.setContentType(MediaType.APPLICATION_XML_VALUE);
      response.setCharacterEncoding("UTF-8");
      export.to(response.getOutputStream());
      return;
    }
    // JSON and HTML are made from the XML, spooled to a temporary file so that memory stays flat
    Path spool = Files.createTempFile("lc-odm-", ".xml");
    try {
      try (OutputStream out = Files.newOutputStream(spool)) {
        export.to(out);
      }
      try (InputStream in = Files.newInputStream(spool)) {
        if (f == Format.JSON) {
          response.setContentType(MediaType.APPLICATION_JSON_VALUE);
          response.setCharacterEncoding("UTF-8");
          OdmJson.convert(in, response.getOutputStream());
        } else {
          Locale locale = ApiLocales.of(request);
          response.setContentType(MediaType.TEXT_HTML_VALUE);
          response.setCharacterEncoding("UTF-8");
          response.setHeader("Content-Language", locale.toLanguageTag());
          OdmHtml.render(in, response.getOutputStream(),
              messages.getMessage("rest.odm.title." + what, null, locale), locale.getLanguage());
        }
      }
    } finally {
      Files.deleteIfExists(spool);
    }
  }

  private enum Format {
    XML, JSON, HTML;

    static Format of(String format, String mode) {
      if (!"view".equals(mode) && !"print".equals(mode)) {
        return null;
      }
      return switch (format) {
        case "xml" -> XML;
        case "json" -> JSON;
        case "html" -> HTML;
        default -> null;
      };
    }
  }
}
