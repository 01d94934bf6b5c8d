package jp.ac.umin.libreclinica.core.dataentry;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.Test;

public class CalculationEvaluatorTest {

  private static final Map<String, List<BigDecimal>> VALUES =
      Map.of(
          "WEIGHT", List.of(new BigDecimal("70")),
          "HEIGHT", List.of(new BigDecimal("175")),
          "A", List.of(new BigDecimal("2")),
          "B", List.of(new BigDecimal("3")),
          "ROWS", List.of(new BigDecimal("1"), new BigDecimal("2"), new BigDecimal("3"), new BigDecimal("6")),
          "NONE", List.of());

  private static final Function<String, List<BigDecimal>> LOOKUP =
      n -> {
        if (!VALUES.containsKey(n)) {
          throw new CalculationEvaluator.NotComputable("unknown " + n);
        }
        return VALUES.get(n);
      };

  private static String eval(String expr) {
    return CalculationEvaluator.evaluate(expr, LOOKUP).stripTrailingZeros().toPlainString();
  }

  @Test
  public void computesArithmeticWithPrecedenceParenthesesAndUnaryMinus() {
    assertEquals("8", eval("func: A + B * 2"));
    assertEquals("10", eval("func: (A + B) * 2"));
    assertEquals("-1", eval("-A + 1"));
    assertEquals("0.5", eval("func:1/A"));
    assertEquals("1", eval("func: B - A"));
  }

  @Test
  public void computesBmiFromWeightAndHeight() {
    BigDecimal bmi = CalculationEvaluator.evaluate("func: WEIGHT/pow(HEIGHT/100, 2)", LOOKUP);
    assertEquals("22.86", bmi.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString());
  }

  @Test
  public void groupFunctionsUseEveryRow() {
    assertEquals("12", eval("func: sum(ROWS)"));
    assertEquals("3", eval("func: avg(ROWS)"));
    assertEquals("1", eval("func: min(ROWS)"));
    assertEquals("6", eval("func: max(ROWS)"));
    assertEquals("2.5", eval("func: median(ROWS)"));
    assertEquals("2.160246899469287", eval("func: stdev(ROWS)"));
    assertEquals("5", eval("func: sum(A, B)"));
    assertEquals("7", eval("func: sum(ROWS, A) - 7"));
  }

  @Test
  public void decodeMapsValues() {
    assertEquals("20", eval("func: decode(A, 1, 10, 2, 20, 99)"));
    assertEquals("99", eval("func: decode(B, 1, 10, 2, 20, 99)"));
  }

  @Test
  public void missingValuesDivisionByZeroAndForeignSyntaxAreNotComputable() {
    for (String bad :
        List.of("func: NONE + 1", "func: A / (B - 3)", "func: A; B", "func: java.lang.System.exit(0)",
            "func: A +", "func: avg(NONE)", "func: unknown(A)", "func: ROWS + 1", "func: A = 2", "func: 'x'")) {
      try {
        CalculationEvaluator.evaluate(bad, LOOKUP);
        fail("computed " + bad);
      } catch (CalculationEvaluator.NotComputable expected) {
        // refused
      }
    }
  }
}
