package jp.ac.umin.libreclinica.core.dataentry;

import java.util.List;
import java.util.Map;

/**
 * What became of a save: saved (with how many values changed), refused for invalid values
 * (each named), or refused because someone else saved meanwhile (naming the items they
 * changed). On refusal nothing was stored, and the caller shows the user's own input again.
 */
public record SaveResult(
    Outcome outcome,
    EventCrf eventCrf,
    int changed,
    Map<ItemKey, ValueProblem> problems,
    List<ItemKey> changedMeanwhile) {

  /** The kinds of outcome. */
  public enum Outcome {
    SAVED,
    INVALID,
    CONFLICT
  }

  public boolean saved() {
    return outcome == Outcome.SAVED;
  }
}
