package jp.ac.umin.libreclinica.core.crf.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import jp.ac.umin.libreclinica.core.crf.template.TemplateProblem.Severity;

/**
 * Reads a LibreClinica CRF design spreadsheet (.xls or .xlsx) and checks it. Nothing is stored:
 * the result holds the {@link jp.ac.umin.libreclinica.core.crf.definition.CrfDefinition} or
 * every problem found. Thread-safe; one call per file.
 */
public final class CrfTemplateReader {

  private CrfTemplateReader() {}

  /**
   * @param priorLookup given the CRF name read from the file, what earlier versions of a CRF of
   *     that name fix (empty for a new CRF); used for the version rules
   */
  public static CrfTemplateResult read(
      byte[] bytes,
      String fileName,
      TemplateLimits limits,
      Function<String, Optional<PriorCrf>> priorLookup) {
    List<TemplateProblem> problems = new ArrayList<>();
    String name = fileName == null ? "" : fileName.strip().toLowerCase(Locale.ROOT);
    if (!name.endsWith(".xls") && !name.endsWith(".xlsx")) {
      problems.add(fileProblem("crf.file.type"));
      return new CrfTemplateResult(null, problems);
    }
    if (bytes == null || bytes.length == 0) {
      problems.add(fileProblem("crf.file.empty"));
      return new CrfTemplateResult(null, problems);
    }
    if (bytes.length > limits.maxBytes()) {
      problems.add(fileProblem("crf.file.tooLarge", megabytes(limits.maxBytes())));
      return new CrfTemplateResult(null, problems);
    }
    RawWorkbook workbook = new WorkbookReader(limits, problems).read(bytes);
    if (workbook == null || problems.stream().anyMatch(TemplateProblem::isError)) {
      return new CrfTemplateResult(null, problems);
    }
    CrfTemplateResult result = new CrfTemplateValidator(priorLookup).validate(workbook);
    if (problems.isEmpty()) {
      return result;
    }
    problems.addAll(result.problems());
    return new CrfTemplateResult(result.definition(), problems);
  }

  private static String megabytes(long bytes) {
    long mb = bytes / (1024 * 1024);
    return mb > 0 ? mb + " MB" : bytes + " bytes";
  }

  private static TemplateProblem fileProblem(String key, String... args) {
    return new TemplateProblem(Severity.ERROR, null, null, null, null, key, List.of(args));
  }
}
