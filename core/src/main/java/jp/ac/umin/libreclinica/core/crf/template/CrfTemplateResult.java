package jp.ac.umin.libreclinica.core.crf.template;

import java.util.List;
import jp.ac.umin.libreclinica.core.crf.definition.CrfDefinition;

/**
 * The outcome of reading a CRF spreadsheet: the definition (null when there are errors) and
 * every problem found, errors and warnings, in sheet, row and column order.
 */
public record CrfTemplateResult(CrfDefinition definition, List<TemplateProblem> problems) {

  public CrfTemplateResult {
    problems = List.copyOf(problems);
  }

  public boolean hasErrors() {
    return problems.stream().anyMatch(TemplateProblem::isError);
  }

  public List<TemplateProblem> errors() {
    return problems.stream().filter(TemplateProblem::isError).toList();
  }

  public List<TemplateProblem> warnings() {
    return problems.stream().filter(p -> !p.isError()).toList();
  }
}
