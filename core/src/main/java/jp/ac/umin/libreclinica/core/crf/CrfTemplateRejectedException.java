package jp.ac.umin.libreclinica.core.crf;

import java.util.List;
import jp.ac.umin.libreclinica.core.crf.template.TemplateProblem;
import jp.ac.umin.libreclinica.core.input.InvalidInputException;

/**
 * A CRF spreadsheet that cannot be committed: carries every problem (message key
 * {@code crf.upload.rejected} with the error count as summary). Nothing was saved.
 */
public class CrfTemplateRejectedException extends InvalidInputException {

  private final transient List<TemplateProblem> problems;

  public CrfTemplateRejectedException(List<TemplateProblem> problems) {
    super("crf.upload.rejected", problems.stream().filter(TemplateProblem::isError).count());
    this.problems = List.copyOf(problems);
  }

  /** Every problem, errors and warnings. */
  public List<TemplateProblem> problems() {
    return problems;
  }
}
