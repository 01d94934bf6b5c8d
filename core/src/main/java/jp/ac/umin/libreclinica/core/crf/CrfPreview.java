package jp.ac.umin.libreclinica.core.crf;

import java.util.List;
import jp.ac.umin.libreclinica.core.crf.definition.CrfDefinition;
import jp.ac.umin.libreclinica.core.crf.template.TemplateProblem;

/**
 * What an upload would do, with nothing saved: the CRF as it will look (null when the file
 * has errors), every problem, and the existing CRF it would become a new version of (null for
 * a new CRF).
 */
public record CrfPreview(
    CrfDefinition definition, List<TemplateProblem> problems, Long existingCrfId) {

  public CrfPreview {
    problems = List.copyOf(problems);
  }

  public boolean hasErrors() {
    return problems.stream().anyMatch(TemplateProblem::isError);
  }

  public boolean newVersionOfExistingCrf() {
    return existingCrfId != null;
  }
}
