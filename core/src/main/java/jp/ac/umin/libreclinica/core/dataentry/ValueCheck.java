package jp.ac.umin.libreclinica.core.dataentry;

import java.util.Optional;

/**
 * The outcome of checking one typed value: the canonical value to store, or the problem.
 *
 * @param canonical the value as stored ("" for no value); null when the value itself is
 *     unusable, set when only the CRF's edit check failed (it may then be saved with a note)
 * @param problem what is wrong, if anything
 */
public record ValueCheck(String canonical, ValueProblem problem) {

  public static ValueCheck ok(String canonical) {
    return new ValueCheck(canonical, null);
  }

  public static ValueCheck refused(ValueProblem problem) {
    return new ValueCheck(null, problem);
  }

  /** An edit check failed on a well-formed value: a failed validation check note may override it. */
  public static ValueCheck failedEditCheck(String canonical, ValueProblem problem) {
    return new ValueCheck(canonical, problem);
  }

  /** Whether the value may still be saved with a failed validation check note. */
  public boolean overridable() {
    return problem != null && canonical != null;
  }

  public boolean isOk() {
    return problem == null;
  }

  public Optional<ValueProblem> problemIfAny() {
    return Optional.ofNullable(problem);
  }
}
