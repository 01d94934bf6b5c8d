package jp.ac.umin.libreclinica.core.dashboard;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.TreeMap;
import org.junit.Test;

public class EnrollmentLineTest {

  @Test
  public void theExpectedTotalGrowsLinearlyFromTheStartToTheCompletionAndTheActualOneAddsUp() {
    TreeMap<YearMonth, Long> months = new TreeMap<>();
    months.put(YearMonth.of(2026, 1), 3L);
    months.put(YearMonth.of(2026, 3), 2L);
    List<StudyDashboard.MonthRow> rows =
        StudyDashboardService.enrollment(months, LocalDate.of(2026, 1, 10), LocalDate.of(2026, 5, 1), 40);
    assertEquals(YearMonth.of(2026, 1), rows.get(0).month());
    assertEquals(3, rows.get(0).cumulative());
    assertEquals(3, rows.get(1).cumulative());
    assertEquals(5, rows.get(2).cumulative());
    assertEquals(Long.valueOf(10), rows.get(0).expectedCumulative());
    assertEquals(Long.valueOf(40), rows.get(3).expectedCumulative());
    assertEquals(Long.valueOf(40), rows.get(5).expectedCumulative());
  }

  @Test
  public void withoutAPlanThereIsNoExpectedLine() {
    TreeMap<YearMonth, Long> months = new TreeMap<>();
    months.put(YearMonth.now().minusMonths(1), 1L);
    List<StudyDashboard.MonthRow> rows = StudyDashboardService.enrollment(months, null, null, 0);
    assertEquals(2, rows.size());
    assertNull(rows.get(0).expectedCumulative());
    assertEquals(1, rows.get(1).cumulative());
  }

  @Test
  public void noSubjectsAndNoStartMeansNoRows() {
    assertEquals(List.of(), StudyDashboardService.enrollment(new TreeMap<>(), null, null, 10));
  }
}
