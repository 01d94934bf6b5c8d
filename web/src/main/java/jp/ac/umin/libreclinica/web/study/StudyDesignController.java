package jp.ac.umin.libreclinica.web.study;

import java.io.IOException;
import java.security.Principal;
import jakarta.servlet.http.HttpServletResponse;
import jp.ac.umin.libreclinica.core.design.StudyDesignService;
import jp.ac.umin.libreclinica.core.odm.OdmExportOptions;
import jp.ac.umin.libreclinica.core.odm.ClinicalDataExporter;
import jp.ac.umin.libreclinica.core.odm.ClinicalDataFilter;
import jp.ac.umin.libreclinica.core.odm.OdmMetadataExporter;
import jp.ac.umin.libreclinica.core.study.StudyService;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The whole design of a study or site on one page (LibreClinica's "View Study"), its ODM 1.3
 * metadata file (both need the right to view the study or site) and its design audit log (the
 * right to build it).
 */
@Controller
@RequestMapping("/studies/{id}")
public class StudyDesignController {

  private final StudyDesignService designs;
  private final OdmMetadataExporter odm;
  private final ClinicalDataExporter clinical;
  private final StudyService studies;

  public StudyDesignController(
      StudyDesignService designs, OdmMetadataExporter odm, ClinicalDataExporter clinical,
      StudyService studies) {
    this.designs = designs;
    this.odm = odm;
    this.clinical = clinical;
    this.studies = studies;
  }

  static final int AUDIT_PAGE_SIZE = 50;

  /** The study's design audit log, newest first (needs the right to build the study or site). */
  @GetMapping("/audit")
  public String audit(
      @PathVariable long id,
      @RequestParam(defaultValue = "0") int page,
      Principal user,
      Model model) {
    model.addAttribute("study", studies.view(user.getName(), id));
    model.addAttribute("records",
        designs.designAudit(user.getName(), id, PageRequest.of(Math.max(page, 0), AUDIT_PAGE_SIZE)));
    return "study/audit";
  }

  @GetMapping("/design")
  public String design(@PathVariable long id, Principal user, Model model) {
    model.addAttribute("design", designs.design(user.getName(), id));
    return "study/design";
  }

  /**
   * The ODM file, as an attachment named after the study OID. {@code strict=true} leaves out
   * what the published OpenClinica schema does not declare; {@code extensions=false} gives
   * plain ODM 1.3.
   */
  @GetMapping("/odm-metadata.xml")
  public void odmMetadata(
      @PathVariable long id,
      @RequestParam(defaultValue = "false") boolean strict,
      @RequestParam(defaultValue = "true") boolean extensions,
      Principal user,
      HttpServletResponse response)
      throws IOException {
    // checks the right to view before anything is written; an OID is plain ASCII
    String fileName = odm.fileName(user.getName(), id);
    response.setContentType("application/xml;charset=UTF-8");
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
        ContentDisposition.attachment().filename(fileName).build().toString());
    odm.export(user.getName(), id, new OdmExportOptions(extensions, strict || !extensions),
        response.getOutputStream());
  }

  /**
   * The full ODM file (metadata and clinical data of the study or site) for users who may
   * extract its data; {@code audits=true} adds each subject's audit log. Streamed: the study is
   * never held in memory.
   */
  @GetMapping("/odm-full.xml")
  public void odmFull(
      @PathVariable long id,
      @RequestParam(defaultValue = "false") boolean strict,
      @RequestParam(defaultValue = "true") boolean extensions,
      @RequestParam(defaultValue = "false") boolean audits,
      Principal user,
      HttpServletResponse response)
      throws IOException {
    String fileName = clinical.fileName(user.getName(), id);
    OdmExportOptions options = new OdmExportOptions(extensions, strict || !extensions);
    // the permission is checked before anything is written
    clinical.checkExtractable(user.getName(), id);
    response.setContentType("application/xml;charset=UTF-8");
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
        ContentDisposition.attachment().filename(fileName).build().toString());
    clinical.exportFull(user.getName(), id, ClinicalDataFilter.all().withAudits(audits).withNotes(true), options,
        response.getOutputStream());
  }
}
