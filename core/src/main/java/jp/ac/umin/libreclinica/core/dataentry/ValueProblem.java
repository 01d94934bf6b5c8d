package jp.ac.umin.libreclinica.core.dataentry;

import java.util.Arrays;
import java.util.List;

/**
 * Why a value cannot be stored: a message key with its arguments, or the CRF author's own
 * message for a failed edit check ({@code authorMessage}, shown as written).
 */
public record ValueProblem(String messageKey, List<Object> arguments, String authorMessage) {

  public static ValueProblem of(String messageKey, Object... arguments) {
    return new ValueProblem(messageKey, Arrays.asList(arguments), null);
  }

  public static ValueProblem authored(String message, String fallbackKey, Object... arguments) {
    return new ValueProblem(fallbackKey, Arrays.asList(arguments), message);
  }
}
