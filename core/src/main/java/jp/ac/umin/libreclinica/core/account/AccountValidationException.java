package jp.ac.umin.libreclinica.core.account;

import java.util.List;

/** Submitted account data broke one or more rules; nothing was stored. */
public class AccountValidationException extends RuntimeException {

  private final transient List<FieldProblem> problems;

  public AccountValidationException(List<FieldProblem> problems) {
    super(problems.toString());
    this.problems = List.copyOf(problems);
  }

  public List<FieldProblem> problems() {
    return problems;
  }

  /** What is wrong with one field, as a message key with its arguments. */
  public record FieldProblem(String field, String messageKey, Object... args) {
    public FieldProblem {
      args = args == null ? new Object[0] : args.clone();
    }

    @Override
    public String toString() {
      return field + ": " + messageKey;
    }
  }
}
