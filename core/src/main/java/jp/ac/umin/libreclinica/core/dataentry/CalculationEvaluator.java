package jp.ac.umin.libreclinica.core.dataentry;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * A small, safe evaluator for the calculations of LibreClinica CRF spreadsheets
 * ({@code func: WEIGHT/pow(HEIGHT/100, 2)}, {@code func: sum(A, B)}): numbers, item names,
 * {@code + - * /}, parentheses and the functions sum, avg, min, max, median, stdev, pow and
 * decode. No script engine: anything else is an error. A name stands for the values an item
 * has (one value, or every row of a repeating group for group calculations); an empty result
 * means "cannot be computed" (a missing value, division by zero).
 */
public final class CalculationEvaluator {

  static final MathContext MC = MathContext.DECIMAL64;

  /** Thrown when an expression cannot be computed; the calculated item is then left empty. */
  public static final class NotComputable extends RuntimeException {
    NotComputable(String message) {
      super(message, null, false, false);
    }
  }

  private final String text;
  private final Function<String, List<BigDecimal>> values;
  private int pos;

  private CalculationEvaluator(String text, Function<String, List<BigDecimal>> values) {
    this.text = text;
    this.values = values;
  }

  /**
   * Evaluates an expression; a leading {@code func:} is optional. {@code values} gives the
   * values of an item by name (empty list: no value).
   */
  public static BigDecimal evaluate(String expression, Function<String, List<BigDecimal>> values) {
    String body = expression.strip();
    if (body.regionMatches(true, 0, "func", 0, 4)) {
      int colon = body.indexOf(':');
      if (colon > 0 && body.substring(4, colon).isBlank()) {
        body = body.substring(colon + 1);
      }
    }
    CalculationEvaluator e = new CalculationEvaluator(body, values);
    List<BigDecimal> result = e.expression();
    e.skipSpaces();
    if (e.pos != e.text.length()) {
      throw new NotComputable("unexpected '" + e.text.charAt(e.pos) + "' at " + e.pos);
    }
    return single(result);
  }

  private List<BigDecimal> expression() {
    List<BigDecimal> first = term();
    skipSpaces();
    if (pos >= text.length() || (text.charAt(pos) != '+' && text.charAt(pos) != '-')) {
      return first;
    }
    BigDecimal left = single(first);
    while (true) {
      skipSpaces();
      if (accept('+')) {
        left = left.add(single(term()), MC);
      } else if (accept('-')) {
        left = left.subtract(single(term()), MC);
      } else {
        return List.of(left);
      }
    }
  }

  private List<BigDecimal> term() {
    List<BigDecimal> first = unary();
    skipSpaces();
    if (pos >= text.length() || (text.charAt(pos) != '*' && text.charAt(pos) != '/')) {
      return first;
    }
    BigDecimal left = single(first);
    while (true) {
      skipSpaces();
      if (accept('*')) {
        left = left.multiply(single(unary()), MC);
      } else if (accept('/')) {
        BigDecimal right = single(unary());
        if (right.signum() == 0) {
          throw new NotComputable("division by zero");
        }
        left = left.divide(right, MC);
      } else {
        return List.of(left);
      }
    }
  }

  private List<BigDecimal> unary() {
    skipSpaces();
    if (accept('-')) {
      return List.of(single(unary()).negate());
    }
    if (accept('+')) {
      return unary();
    }
    return primary();
  }

  private List<BigDecimal> primary() {
    skipSpaces();
    if (pos >= text.length()) {
      throw new NotComputable("unexpected end");
    }
    char c = text.charAt(pos);
    if (accept('(')) {
      List<BigDecimal> inner = expression();
      expect(')');
      return inner;
    }
    if (Character.isDigit(c) || c == '.') {
      int start = pos;
      while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
        pos++;
      }
      try {
        return List.of(new BigDecimal(text.substring(start, pos)));
      } catch (NumberFormatException e) {
        throw new NotComputable("bad number");
      }
    }
    if (c == '\'' || c == '"') {
      int end = text.indexOf(c, pos + 1);
      if (end < 0) {
        throw new NotComputable("unterminated string");
      }
      String literal = text.substring(pos + 1, end).strip();
      pos = end + 1;
      try {
        return List.of(new BigDecimal(literal));
      } catch (NumberFormatException e) {
        throw new NotComputable("not a number: " + literal);
      }
    }
    if (Character.isLetter(c) || c == '_') {
      int start = pos;
      while (pos < text.length()
          && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
        pos++;
      }
      String name = text.substring(start, pos);
      skipSpaces();
      if (accept('(')) {
        List<BigDecimal> args = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        skipSpaces();
        if (!accept(')')) {
          do {
            List<BigDecimal> a = expression();
            args.addAll(a);
            counts.add(a.size());
            skipSpaces();
          } while (accept(','));
          expect(')');
        }
        return List.of(function(name.toLowerCase(Locale.ROOT), args, counts));
      }
      return values.apply(name);
    }
    throw new NotComputable("unexpected '" + c + "'");
  }

  private static BigDecimal function(String name, List<BigDecimal> args, List<Integer> counts) {
    switch (name) {
      case "sum":
        return args.stream().reduce(BigDecimal.ZERO, (a, b) -> a.add(b, MC));
      case "avg":
        nonEmpty(args);
        return sum(args).divide(BigDecimal.valueOf(args.size()), MC);
      case "min":
        nonEmpty(args);
        return args.stream().min(BigDecimal::compareTo).orElseThrow();
      case "max":
        nonEmpty(args);
        return args.stream().max(BigDecimal::compareTo).orElseThrow();
      case "median": {
        nonEmpty(args);
        List<BigDecimal> sorted = args.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1
            ? sorted.get(n / 2)
            : sorted.get(n / 2 - 1).add(sorted.get(n / 2)).divide(BigDecimal.valueOf(2), MC);
      }
      case "stdev": {
        // sample standard deviation (n - 1), as spreadsheets compute STDEV
        if (args.size() < 2) {
          throw new NotComputable("stdev needs two values");
        }
        BigDecimal mean = sum(args).divide(BigDecimal.valueOf(args.size()), MC);
        BigDecimal squares = BigDecimal.ZERO;
        for (BigDecimal a : args) {
          BigDecimal d = a.subtract(mean, MC);
          squares = squares.add(d.multiply(d, MC), MC);
        }
        return squares.divide(BigDecimal.valueOf(args.size() - 1L), MC).sqrt(MC);
      }
      case "pow": {
        if (args.size() != 2) {
          throw new NotComputable("pow needs two arguments");
        }
        BigDecimal base = args.get(0);
        BigDecimal exponent = args.get(1);
        if (exponent.stripTrailingZeros().scale() <= 0 && exponent.abs().compareTo(BigDecimal.valueOf(999)) <= 0) {
          int n = exponent.intValueExact();
          if (n < 0 && base.signum() == 0) {
            throw new NotComputable("division by zero");
          }
          return base.pow(n, MC);
        }
        double r = Math.pow(base.doubleValue(), exponent.doubleValue());
        if (Double.isNaN(r) || Double.isInfinite(r)) {
          throw new NotComputable("pow out of range");
        }
        return new BigDecimal(r, MC);
      }
      case "decode": {
        // decode(value, key1, result1, key2, result2, ..., [default])
        if (args.size() < 3 || counts.stream().anyMatch(c -> c != 1)) {
          throw new NotComputable("decode needs a value and pairs");
        }
        BigDecimal value = args.get(0);
        int i = 1;
        for (; i + 1 < args.size(); i += 2) {
          if (args.get(i).compareTo(value) == 0) {
            return args.get(i + 1);
          }
        }
        if (i < args.size()) {
          return args.get(i);
        }
        throw new NotComputable("decode: no match");
      }
      default:
        throw new NotComputable("unknown function " + name);
    }
  }

  private static BigDecimal sum(List<BigDecimal> args) {
    return args.stream().reduce(BigDecimal.ZERO, (a, b) -> a.add(b, MC));
  }

  private static void nonEmpty(List<BigDecimal> args) {
    if (args.isEmpty()) {
      throw new NotComputable("no values");
    }
  }

  private static BigDecimal single(List<BigDecimal> values) {
    if (values.size() != 1) {
      throw new NotComputable(values.isEmpty() ? "missing value" : "several values where one is needed");
    }
    return values.get(0);
  }

  private void skipSpaces() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private boolean accept(char c) {
    if (pos < text.length() && text.charAt(pos) == c) {
      pos++;
      return true;
    }
    return false;
  }

  private void expect(char c) {
    skipSpaces();
    if (!accept(c)) {
      throw new NotComputable("expected '" + c + "'");
    }
  }
}
