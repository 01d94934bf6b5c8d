package jp.ac.umin.libreclinica.core.odm;

import java.io.OutputStream;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import jp.ac.umin.libreclinica.core.design.StudyDesign;
import jp.ac.umin.libreclinica.core.design.StudyDesignService;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.StudyService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes the ODM 1.3 metadata of a study or site (Study with GlobalVariables, BasicDefinitions
 * and MetaDataVersion, and for a study one Study per site that includes the study's
 * MetaDataVersion) as LibreClinica does, streaming to the caller's output. What is written and
 * how each design element maps is in docs/odm.md.
 */
@Service
@Transactional(readOnly = true)
public class OdmMetadataExporter {

  /** LibreClinica's MetaDataVersion OID for a study. */
  public static final String METADATA_VERSION = "v1.0.0";

  private static final DateTimeFormatter CREATED =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");
  private static final DateTimeFormatter FILE_STAMP =
      DateTimeFormatter.ofPattern("uuuuMMddHHmmssxx");

  private final StudyService studies;
  private final StudyDesignService designs;
  private final Clock clock;

  public OdmMetadataExporter(StudyService studies, StudyDesignService designs, Clock clock) {
    this.studies = studies;
    this.designs = designs;
    this.clock = clock;
  }

  /**
   * Writes the metadata of a study or site the user may see to {@code out} (not closed).
   *
   * @throws jp.ac.umin.libreclinica.core.account.PermissionDeniedException when the user may
   *     not see it
   */
  public void export(String actor, long studyOrSiteId, OdmExportOptions options, OutputStream out) {
    StudyDesign design = designs.design(actor, studyOrSiteId);
    try (OdmWriter w = OdmWriter.open(out)) {
      startOdm(w, "Study-Meta", "Study Metadata", options);
      writeStudies(w, design, options);
    }
  }

  /** The file name of a study's metadata download, e.g. {@code S_R0112345-odm-metadata.xml}. */
  public String fileName(String actor, long studyOrSiteId) {
    return studies.view(actor, studyOrSiteId).getOid() + "-odm-metadata.xml";
  }

  /**
   * Starts the ODM root element with LibreClinica's namespaces and schema location; a file
   * writer (metadata here, clinical data later) then writes its Study and ClinicalData elements.
   */
  public void startOdm(OdmWriter w, String fileOidPrefix, String description, OdmExportOptions options) {
    var now = clock.instant().truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC);
    w.start("ODM").namespace("", OdmNamespaces.ODM);
    if (options.extensions()) {
      w.namespace(OdmNamespaces.OPENCLINICA_PREFIX, OdmNamespaces.OPENCLINICA);
      w.namespace(OdmNamespaces.RULES_PREFIX, OdmNamespaces.RULES);
    }
    w.namespace("xsi", OdmNamespaces.XSI)
        .attribute("FileOID", fileOidPrefix + "D" + FILE_STAMP.format(now))
        .attribute("Description", description)
        .attribute("CreationDateTime", CREATED.format(now))
        .attribute("FileType", "Snapshot")
        .attribute("ODMVersion", "1.3")
        .attribute("SourceSystem", "UMIN LibreClinica")
        .attribute("xsi", OdmNamespaces.XSI, "schemaLocation",
            options.extensions()
                ? OdmNamespaces.OPENCLINICA_SCHEMA_LOCATION
                : OdmNamespaces.ODM_SCHEMA_LOCATION);
  }

  /**
   * Writes the Study element of the design and, for a study, one Study element per site, to an
   * ODM document started with {@link #startOdm}.
   */
  public void writeStudies(OdmWriter w, StudyDesign design, OdmExportOptions options) {
    new MetadataWriter(w, design, options).write();
    if (!design.study().isSite()) {
      for (Study site : design.sites()) {
        if (!site.getStatus().isRemoved()) {
          MetadataWriter.writeSiteIncludingParent(w, design.study(), site, options);
        }
      }
    }
  }

  /** The unchecked design, for writers in other services that have checked themselves. */
  public StudyDesign design(long studyOrSiteId) {
    return designs.design(studyOrSiteId);
  }

  /**
   * The MetaDataVersion OID of a study ({@value #METADATA_VERSION}) or of a site
   * ({@code v1.0.0-<site OID>}, as LibreClinica's site ClinicalData names it).
   */
  public static String metaDataVersionOid(Study study) {
    return study.isSite() ? METADATA_VERSION + "-" + study.getOid() : METADATA_VERSION;
  }
}
