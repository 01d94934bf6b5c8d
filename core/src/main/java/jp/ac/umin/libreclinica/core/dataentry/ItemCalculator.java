package jp.ac.umin.libreclinica.core.dataentry;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.ac.umin.libreclinica.core.crf.definition.CrfDefinition;
import jp.ac.umin.libreclinica.core.crf.definition.GroupDefinition;
import jp.ac.umin.libreclinica.core.crf.definition.ItemDataType;
import jp.ac.umin.libreclinica.core.crf.definition.ItemDefinition;
import jp.ac.umin.libreclinica.core.crf.definition.ResponseType;

/**
 * Computes the values of calculated items (calculation, group-calculation, instant-calculation)
 * from the other values of an event CRF. Calculated items are never typed: the server
 * computes them on every save. A value that cannot be computed (a missing input, division by
 * zero) is empty.
 */
public class ItemCalculator {

  private static final Pattern INSTANT =
      Pattern.compile(
          "(?:func\\s*:\\s*)?onchange\\s*\\(\\s*([^,\\s)]+)\\s*,\\s*([^)]*)\\)\\s*",
          Pattern.CASE_INSENSITIVE);

  /** Whether the server computes this item's value (so a typed value for it is ignored). */
  public static boolean isCalculated(ItemDefinition d) {
    return d.responseType() != null && d.responseType().calculated();
  }

  /**
   * The computed values of the calculated items, by item and row, given the other values.
   * Calculated items later in the CRF may use earlier calculated values.
   */
  public Map<ItemKey, String> compute(CrfDefinition crf, Map<ItemKey, String> values) {
    Map<ItemKey, String> current = new LinkedHashMap<>(values);
    Map<ItemKey, String> computed = new LinkedHashMap<>();
    Map<String, ItemDefinition> byName = new LinkedHashMap<>();
    crf.items().forEach(i -> byName.putIfAbsent(i.name(), i));
    for (ItemDefinition d : crf.items()) {
      if (!isCalculated(d) || d.calculation() == null) {
        continue;
      }
      for (int row : rowsOf(crf, d, current)) {
        ItemKey key = new ItemKey(d.name(), row);
        String value =
            d.responseType() == ResponseType.INSTANT_CALCULATION
                ? instant(d, row, crf, byName, current)
                : calculate(d, row, crf, byName, current);
        if (value != null) {
          computed.put(key, value);
          current.put(key, value);
        }
      }
    }
    return computed;
  }

  private String instant(
      ItemDefinition d, int row, CrfDefinition crf, Map<String, ItemDefinition> byName, Map<ItemKey, String> current) {
    Matcher m = INSTANT.matcher(d.calculation());
    if (!m.matches()) {
      return null;
    }
    ItemDefinition source = byName.get(m.group(1));
    if (source == null || valueOf(crf, d, source, row, current).isEmpty()) {
      return null; // the source has no value: keep what is there
    }
    String what = m.group(2).strip();
    ItemDefinition other = byName.get(what);
    if (other != null) {
      return valueOf(crf, d, other, row, current);
    }
    if (what.length() >= 2 && (what.startsWith("'") && what.endsWith("'") || what.startsWith("\"") && what.endsWith("\""))) {
      what = what.substring(1, what.length() - 1);
    }
    return what;
  }

  private String calculate(
      ItemDefinition d, int row, CrfDefinition crf, Map<String, ItemDefinition> byName, Map<ItemKey, String> current) {
    boolean group = d.responseType() == ResponseType.GROUP_CALCULATION;
    try {
      BigDecimal result =
          CalculationEvaluator.evaluate(d.calculation(), name -> {
            ItemDefinition ref = byName.get(name);
            if (ref == null) {
              throw new CalculationEvaluator.NotComputable("unknown item " + name);
            }
            List<String> raw = new ArrayList<>();
            if (group && repeating(crf, ref)) {
              for (Map.Entry<ItemKey, String> e : current.entrySet()) {
                if (e.getKey().itemName().equals(name)) {
                  raw.add(e.getValue());
                }
              }
            } else {
              raw.add(valueOf(crf, d, ref, row, current));
            }
            List<BigDecimal> numbers = new ArrayList<>();
            for (String r : raw) {
              if (r == null || r.isBlank()) {
                if (!group || !repeating(crf, ref)) {
                  throw new CalculationEvaluator.NotComputable("missing " + name);
                }
                continue; // empty rows do not count in group functions
              }
              try {
                numbers.add(new BigDecimal(r.strip()));
              } catch (NumberFormatException ex) {
                throw new CalculationEvaluator.NotComputable("not a number: " + name);
              }
            }
            return numbers;
          });
      return format(d, result);
    } catch (CalculationEvaluator.NotComputable | ArithmeticException e) {
      return "";
    }
  }

  /** Same row when both items are in the same group, otherwise row 1. */
  private static String valueOf(
      CrfDefinition crf, ItemDefinition target, ItemDefinition ref, int row, Map<ItemKey, String> current) {
    boolean sameGroup = target.groupLabel() != null && target.groupLabel().equals(ref.groupLabel());
    String v = current.get(new ItemKey(ref.name(), sameGroup ? row : 1));
    return v == null ? "" : v;
  }

  private static boolean repeating(CrfDefinition crf, ItemDefinition d) {
    GroupDefinition g = d.groupLabel() == null ? null : crf.group(d.groupLabel());
    return g != null && g.layout() != null && g.layout().repeating();
  }

  /** Row 1, and for items of a repeating group every row that has any value. */
  private static Set<Integer> rowsOf(CrfDefinition crf, ItemDefinition d, Map<ItemKey, String> current) {
    Set<Integer> rows = new TreeSet<>();
    rows.add(1);
    if (repeating(crf, d)) {
      Set<String> members = new java.util.HashSet<>();
      crf.items().stream().filter(i -> d.groupLabel().equals(i.groupLabel())).forEach(i -> members.add(i.name()));
      current.keySet().stream().filter(k -> members.contains(k.itemName())).forEach(k -> rows.add(k.ordinal()));
    }
    return rows;
  }

  static String format(ItemDefinition d, BigDecimal value) {
    BigDecimal v;
    if (d.dataType() == ItemDataType.INT) {
      v = value.setScale(0, RoundingMode.HALF_UP);
    } else if (d.decimals() != null) {
      v = value.setScale(d.decimals(), RoundingMode.HALF_UP);
    } else {
      v = value.setScale(4, RoundingMode.HALF_UP).stripTrailingZeros();
    }
    if (v.signum() == 0) {
      v = v.abs();
    }
    String s = v.toPlainString();
    return s.equals("-0") ? "0" : s;
  }
}
