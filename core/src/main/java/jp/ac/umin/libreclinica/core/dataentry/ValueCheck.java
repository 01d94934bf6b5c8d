package jp.ac.umin.libreclinica.core.dataentry;

import java.util.Optional;

/**
 * The outcome of checking one typed value: the canonical value to store, or the problem.
 *
 * @param canonical the value as stored ("" for no value); null when there is a problem
 * @param problem what is wrong, if anything
 */
public record ValueCheck(String canonical, ValueProblem problem) {

  public static ValueCheck ok(String canonical) {
    return new ValueCheck(canonical, null);
  }

  public static ValueCheck refused(ValueProblem problem) {
    return new ValueCheck(null, problem);
  }

  public boolean isOk() {
    return problem == null;
  }

  public Optional<ValueProblem> problemIfAny() {
    return Optional.ofNullable(problem);
  }
}
