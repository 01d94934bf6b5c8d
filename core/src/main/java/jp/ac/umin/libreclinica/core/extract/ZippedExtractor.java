package jp.ac.umin.libreclinica.core.extract;

import java.io.IOException;
import java.io.OutputStream;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import jp.ac.umin.libreclinica.core.csv.CsvEncoding;
import jp.ac.umin.libreclinica.core.odm.ClinicalDataExporter;
import jp.ac.umin.libreclinica.core.odm.ClinicalDataFilter;
import jp.ac.umin.libreclinica.core.odm.OdmExportOptions;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.StudyService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes a dataset's extract as a zip, streaming from one database cursor: ODM 1.3 (full or
 * clinical data only) through {@link ClinicalDataExporter}; tab-delimited text, CSV (UTF-8 with
 * a BOM or Windows-31J), SPSS and Excel as one row per subject (see docs/extracts.md).
 *
 * <p>Failures: {@link jp.ac.umin.libreclinica.core.account.PermissionDeniedException} before any
 * byte when the actor may not extract the study or site;
 * {@link jp.ac.umin.libreclinica.core.input.InvalidInputException} for a spec naming an OID the
 * study does not have; {@link jp.ac.umin.libreclinica.core.csv.UnencodableValuesException} when
 * Windows-31J cannot hold a value (listing subject, column and character); {@link
 * CancellationException} when {@link ExtractProgress#cancelled()} says so between two subjects.
 * After any of them what was written to {@code out} is incomplete and must be discarded.
 */
@Service("ZippedExtractor")
@Transactional(readOnly = true)
public class ZippedExtractor implements DatasetExtractor {

  private final ClinicalDataExporter odm;
  private final StudyService studies;
  private final JdbcTemplate jdbc;
  private final ZoneId zone;

  public ZippedExtractor(
      ClinicalDataExporter odm,
      StudyService studies,
      JdbcTemplate jdbc,
      @Value("${lc.time-zone:Asia/Tokyo}") String zone) {
    this.odm = odm;
    this.studies = studies;
    this.jdbc = jdbc;
    this.zone = ZoneId.of(zone);
  }

  @Override
  public void write(
      String actor,
      String baseName,
      ExtractSpec spec,
      ExtractFormat format,
      OutputStream out,
      ExtractProgress progress)
      throws IOException {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(format, "format");
    ExtractProgress watcher = progress == null ? ExtractProgress.NONE : progress;
    odm.checkExtractable(actor, spec.studyOrSiteId());
    Study study = studies.view(actor, spec.studyOrSiteId());
    DatasetScope scope = DatasetScope.of(study, spec, jdbc, zone);
    String base = entryBase(baseName);
    ZipOutputStream zip = new ZipOutputStream(new NonClosingOutputStream(out));
    switch (format) {
      case ODM_FULL, ODM_CLINICAL -> writeOdm(actor, scope, format == ExtractFormat.ODM_FULL, base, zip, watcher);
      default -> writeTable(scope, format, base, zip, watcher);
    }
    zip.finish();
    zip.flush();
  }

  private void writeOdm(String actor, DatasetScope scope, boolean full, String base, ZipOutputStream zip,
      ExtractProgress progress) throws IOException {
    ExtractSpec spec = scope.spec;
    ClinicalDataFilter filter = ClinicalDataFilter.all()
        .withAudits(full)
        .withNotes(full)
        .withRestriction(new ClinicalDataFilter.Restriction(
            spec.eventOids().isEmpty() ? scope.events.stream().map(DatasetScope.Event::oid).toList() : spec.eventOids(),
            spec.formOids().isEmpty() ? null : spec.formOids(),
            spec.itemOids().isEmpty() ? null : spec.itemOids(),
            scope.startFrom,
            scope.startBefore,
            java.util.Set.of(scope.subjectStatuses)));
    int total = new TabularExtract(jdbc, zone).countSubjects(scope);
    int[] done = {0};
    Runnable afterEachSubject = () -> {
      done[0]++;
      progress.progress(done[0], Math.max(done[0], total));
      if (progress.cancelled()) {
        throw new CancellationException("extract cancelled after " + done[0] + " of " + total + " subjects");
      }
    };
    zip.putNextEntry(new ZipEntry(base + ".xml"));
    NonClosingOutputStream entry = new NonClosingOutputStream(zip);
    if (full) {
      odm.exportFull(actor, spec.studyOrSiteId(), filter, OdmExportOptions.libreClinica(), entry, afterEachSubject);
    } else {
      odm.exportClinical(actor, spec.studyOrSiteId(), filter, OdmExportOptions.libreClinica(), entry, afterEachSubject);
    }
    zip.closeEntry();
  }

  private void writeTable(DatasetScope scope, ExtractFormat format, String base, ZipOutputStream zip,
      ExtractProgress progress) throws IOException {
    TabularExtract table = new TabularExtract(jdbc, zone);
    DatasetLayout layout = table.layout(scope);
    switch (format) {
      case TAB -> table.stream(scope, layout, new DelimitedSink(zip, base, null), progress);
      case CSV_UTF8_BOM -> table.stream(scope, layout, new DelimitedSink(zip, base, CsvEncoding.UTF8_BOM), progress);
      case CSV_WINDOWS_31J ->
          table.stream(scope, layout, new DelimitedSink(zip, base, CsvEncoding.WINDOWS_31J), progress);
      case SPSS -> table.stream(scope, layout, new SpssSink(zip, base), progress);
      case XLSX -> {
        XlsxSink sink = new XlsxSink(zip, base);
        try {
          table.stream(scope, layout, sink, progress);
        } finally {
          sink.close();
        }
      }
      default -> throw new IllegalArgumentException(format.name());
    }
  }

  /** The base of the zip's entry names: no folders, nothing that climbs out of the zip. */
  static String entryBase(String baseName) {
    String b = baseName == null ? "" : baseName.strip();
    b = b.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_");
    while (b.startsWith(".")) {
      b = b.substring(1);
    }
    return b.isEmpty() ? "extract" : b;
  }

  static List<ExtractFormat> tabular() {
    return List.of(ExtractFormat.TAB, ExtractFormat.CSV_UTF8_BOM, ExtractFormat.CSV_WINDOWS_31J,
        ExtractFormat.SPSS, ExtractFormat.XLSX);
  }
}
