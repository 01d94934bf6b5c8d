package jp.ac.umin.libreclinica.core.input;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Reads dates as users type them, whatever the language of the page: {@code 2026-04-07},
 * {@code 2026/4/7}, {@code 20260407}, and partial forms {@code 2026-04}, {@code 2026/4},
 * {@code 2026}; plus whatever syntaxes language modules add. The result is canonical ISO 8601.
 * The language of the page never changes how a date is read (upstream OC-6733).
 */
@Service
public class DateInputParser {

  private static final Pattern SEPARATED =
      Pattern.compile("(\\d{4})([-/.])(\\d{1,2})(?:\\2(\\d{1,2}))?");
  private static final Pattern COMPACT = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})?");
  private static final Pattern YEAR = Pattern.compile("\\d{4}");

  private final InputNormaliser normaliser;
  private final List<DateSyntax> syntaxes;

  @Autowired
  public DateInputParser(InputNormaliser normaliser, ObjectProvider<DateSyntax> contributed) {
    this(normaliser, contributed.orderedStream().toList());
  }

  /** For tests and tools without Spring. */
  public DateInputParser(InputNormaliser normaliser, List<DateSyntax> contributed) {
    this.normaliser = normaliser;
    List<DateSyntax> all = new ArrayList<>(contributed);
    all.add(DateInputParser::parseGregorian);
    this.syntaxes = List.copyOf(all);
  }

  /** A complete date; a partial one is refused. */
  public PartialDate parseDate(String raw) {
    PartialDate date = parse(raw);
    if (!date.isComplete()) {
      throw new InvalidInputException("input.date.incomplete", raw.strip());
    }
    return date;
  }

  /** A complete or partial date (year, or year and month). */
  public PartialDate parse(String raw) {
    String input = normaliser.normalise(raw, InputKind.DATE);
    if (input == null || input.isEmpty()) {
      throw new InvalidInputException("input.date.empty");
    }
    for (DateSyntax syntax : syntaxes) {
      Optional<PartialDate> date = syntax.parse(input);
      if (date.isPresent()) {
        return date.get();
      }
    }
    throw new InvalidInputException("input.date.unreadable", raw.strip());
  }

  private static Optional<PartialDate> parseGregorian(String input) {
    Matcher m = SEPARATED.matcher(input);
    if (m.matches()) {
      return Optional.of(
          new PartialDate(
              Integer.parseInt(m.group(1)),
              Integer.parseInt(m.group(3)),
              m.group(4) == null ? null : Integer.parseInt(m.group(4))));
    }
    m = COMPACT.matcher(input);
    if (m.matches()) {
      return Optional.of(
          new PartialDate(
              Integer.parseInt(m.group(1)),
              Integer.parseInt(m.group(2)),
              m.group(3) == null ? null : Integer.parseInt(m.group(3))));
    }
    if (YEAR.matcher(input).matches()) {
      return Optional.of(new PartialDate(Integer.parseInt(input), null, null));
    }
    return Optional.empty();
  }
}
