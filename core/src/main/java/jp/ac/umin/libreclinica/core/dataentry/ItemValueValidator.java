package jp.ac.umin.libreclinica.core.dataentry;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import jp.ac.umin.libreclinica.core.crf.definition.ItemDataType;
import jp.ac.umin.libreclinica.core.crf.definition.ItemDefinition;
import jp.ac.umin.libreclinica.core.crf.definition.ItemValidation;
import jp.ac.umin.libreclinica.core.crf.definition.ResponseOption;
import jp.ac.umin.libreclinica.core.crf.definition.ResponseType;
import jp.ac.umin.libreclinica.core.input.DateInputParser;
import jp.ac.umin.libreclinica.core.input.InputKind;
import jp.ac.umin.libreclinica.core.input.InputNormaliser;
import jp.ac.umin.libreclinica.core.input.InvalidInputException;
import org.springframework.stereotype.Component;

/**
 * Checks a typed value against its item: data type, width and decimals, options, and the
 * CRF's edit check. Every path that stores item data (pages, API, import) goes through it.
 *
 * <p>Numbers are plain decimal notation only. Java's own parsing would take {@code 1d},
 * {@code 2f}, {@code 3L} or {@code 1e5} as numbers (upstream OC-12587); exponent notation is
 * refused too, so that what is stored is what a person reads.
 */
@Component
public class ItemValueValidator {

  /** The longest free-text value (LibreClinica's item_data.value limit). */
  public static final int MAX_TEXT = 4000;

  private static final Pattern INTEGER = Pattern.compile("[-+]?\\d+");
  private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)");
  private static final Pattern REGEXP = Pattern.compile("(?s)regexp:\\s*/(.*)/\\s*");
  private static final Pattern FUNC =
      Pattern.compile("(?i)func:\\s*(range|gt|lt|gte|lte|eq|ne)\\s*\\((.*)\\)\\s*");

  private final InputNormaliser normaliser;
  private final DateInputParser dates;

  public ItemValueValidator(InputNormaliser normaliser, DateInputParser dates) {
    this.normaliser = normaliser;
    this.dates = dates;
  }

  /**
   * Checks {@code typed} for {@code item}. {@code required} is decided by the caller (an item
   * hidden by conditional display is not required while hidden).
   */
  public ValueCheck check(ItemDefinition item, String typed, boolean required) {
    boolean options = hasOptions(item);
    InputKind kind = kindOf(item, options);
    String value = normaliser.normalise(typed == null ? "" : typed, kind);
    if (kind == InputKind.FREE_TEXT ? value.isBlank() : value.isEmpty()) {
      return required
          ? ValueCheck.refused(ValueProblem.of("dataentry.value.required"))
          : ValueCheck.ok("");
    }
    ValueCheck typedCheck = options ? checkOptions(item, value) : checkType(item, value);
    if (!typedCheck.isOk()) {
      return typedCheck;
    }
    return checkEditRule(item, typedCheck.canonical());
  }

  private static boolean hasOptions(ItemDefinition item) {
    ResponseType t = item.responseType();
    return item.responseSet() != null
        && (t == ResponseType.SINGLE_SELECT
            || t == ResponseType.RADIO
            || t == ResponseType.MULTI_SELECT
            || t == ResponseType.CHECKBOX);
  }

  private static InputKind kindOf(ItemDefinition item, boolean options) {
    if (options) {
      return InputKind.CODE;
    }
    return switch (item.dataType()) {
      case INT, REAL -> InputKind.NUMBER;
      case DATE, PDATE -> InputKind.DATE;
      default -> InputKind.FREE_TEXT;
    };
  }

  private ValueCheck checkType(ItemDefinition item, String value) {
    ItemDataType type = item.dataType();
    switch (type) {
      case INT -> {
        if (!INTEGER.matcher(value).matches()) {
          return ValueCheck.refused(ValueProblem.of("dataentry.value.notInteger", value));
        }
        return withinWidth(item, new BigInteger(value.replace("+", "")).toString());
      }
      case REAL -> {
        if (!DECIMAL.matcher(value).matches()) {
          return ValueCheck.refused(ValueProblem.of("dataentry.value.notNumber", value));
        }
        BigDecimal number = new BigDecimal(value.replace("+", ""));
        if (item.decimals() != null && Math.max(number.scale(), 0) > item.decimals()) {
          return ValueCheck.refused(
              ValueProblem.of("dataentry.value.tooManyDecimals", value, item.decimals()));
        }
        return withinWidth(item, number.toPlainString());
      }
      case DATE, PDATE -> {
        try {
          return ValueCheck.ok(
              type == ItemDataType.DATE ? dates.parseDate(value).iso() : dates.parse(value).iso());
        } catch (InvalidInputException e) {
          return ValueCheck.refused(new ValueProblem(e.messageKey(), List.of(e.arguments()), null));
        }
      }
      default -> {
        return withinWidth(item, value);
      }
    }
  }

  private static ValueCheck withinWidth(ItemDefinition item, String canonical) {
    int max = item.width() == null ? MAX_TEXT : Math.min(item.width(), MAX_TEXT);
    int length = canonical.codePointCount(0, canonical.length());
    if (length > max) {
      return ValueCheck.refused(ValueProblem.of("dataentry.value.tooLong", length, max));
    }
    return ValueCheck.ok(canonical);
  }

  private static ValueCheck checkOptions(ItemDefinition item, String value) {
    List<String> allowed = item.responseSet().options().stream().map(ResponseOption::value).toList();
    boolean many =
        item.responseType() == ResponseType.MULTI_SELECT
            || item.responseType() == ResponseType.CHECKBOX;
    List<String> chosen = new ArrayList<>();
    for (String part : many ? value.split(",") : new String[] {value}) {
      String v = part.strip();
      if (v.isEmpty()) {
        continue;
      }
      if (!allowed.contains(v)) {
        return ValueCheck.refused(ValueProblem.of("dataentry.value.notAnOption", v));
      }
      chosen.add(v);
    }
    // stored in the order of the options, each once
    Set<String> ordered = new LinkedHashSet<>();
    allowed.stream().filter(chosen::contains).forEach(ordered::add);
    return ValueCheck.ok(String.join(",", ordered));
  }

  private static ValueCheck checkEditRule(ItemDefinition item, String canonical) {
    ItemValidation rule = item.validation();
    if (rule == null || rule.expression() == null || rule.expression().isBlank()) {
      return ValueCheck.ok(canonical);
    }
    String expression = rule.expression().strip();
    boolean passes;
    Matcher m = REGEXP.matcher(expression);
    if (m.matches()) {
      try {
        passes = Pattern.compile(m.group(1)).matcher(canonical).matches();
      } catch (PatternSyntaxException e) {
        passes = true; // the upload refuses bad patterns; never block data entry on one
      }
    } else if ((m = FUNC.matcher(expression)).matches()) {
      passes = function(m.group(1).toLowerCase(), m.group(2), canonical);
    } else {
      passes = true;
    }
    if (passes) {
      return ValueCheck.ok(canonical);
    }
    return ValueCheck.failedEditCheck(
        canonical, ValueProblem.authored(rule.message(), "dataentry.value.editCheckFailed", canonical));
  }

  private static boolean function(String name, String args, String value) {
    String[] a = args.split(",");
    BigDecimal number = decimalOrNull(value);
    if (name.equals("range")) {
      BigDecimal low = decimalOrNull(a[0]);
      BigDecimal high = a.length > 1 ? decimalOrNull(a[1]) : null;
      return number != null && low != null && high != null
          && number.compareTo(low) >= 0 && number.compareTo(high) <= 0;
    }
    String target = a[0].strip();
    BigDecimal limit = decimalOrNull(target);
    if (number != null && limit != null) {
      int c = number.compareTo(limit);
      return switch (name) {
        case "gt" -> c > 0;
        case "lt" -> c < 0;
        case "gte" -> c >= 0;
        case "lte" -> c <= 0;
        case "eq" -> c == 0;
        default -> c != 0;
      };
    }
    return switch (name) {
      case "eq" -> value.equals(target);
      case "ne" -> !value.equals(target);
      default -> false;
    };
  }

  private static BigDecimal decimalOrNull(String s) {
    String t = s == null ? "" : s.strip();
    return DECIMAL.matcher(t).matches() ? new BigDecimal(t.replace("+", "")) : null;
  }
}
