package jp.ac.umin.libreclinica.core.dataset;

import java.time.DayOfWeek;
import java.time.LocalTime;
import jp.ac.umin.libreclinica.core.extract.ExtractFormat;

/**
 * When a dataset is extracted by itself: daily at a time, or weekly on a day at a time, in one
 * format. {@link #NONE} when it is not.
 */
public record DatasetSchedule(ScheduleFrequency frequency, LocalTime time, DayOfWeek day, ExtractFormat format) {

  public static final DatasetSchedule NONE = new DatasetSchedule(ScheduleFrequency.NONE, null, null, null);

  public DatasetSchedule {
    if (frequency == null) {
      frequency = ScheduleFrequency.NONE;
    }
  }

  public boolean active() {
    return frequency != ScheduleFrequency.NONE;
  }

  /** The Quartz cron expression (seconds minutes hours day-of-month month day-of-week). */
  public String cron() {
    String at = "0 " + time.getMinute() + " " + time.getHour() + " ? * ";
    return switch (frequency) {
      case DAILY -> at + "*";
      case WEEKLY -> at + day.name().substring(0, 3);
      case NONE -> throw new IllegalStateException("no schedule");
    };
  }
}
