package jp.ac.umin.libreclinica.core.input;

import java.util.Optional;

/**
 * One way of writing a date. {@link DateInputParser} tries the installed ones in order; a
 * language module adds its own (e.g. Japanese era dates) as beans.
 */
public interface DateSyntax {

  /**
   * The date {@code input} (already normalised) denotes, or empty when this syntax does not
   * apply. Throws {@link InvalidInputException} when the syntax applies but the date is
   * impossible, saying why.
   */
  Optional<PartialDate> parse(String input);
}
