package jp.ac.umin.libreclinica.core.subject;

import java.time.LocalDate;
import java.util.Map;

/**
 * What a user enters for a subject, as typed: the service normalises codes (full-width digits
 * become half-width), reads the date of birth (full date or year, Japanese era dates too) and
 * checks everything against the study parameters.
 *
 * @param label the subject ID; ignored when the study generates IDs and none is given
 * @param dateOfBirth as typed; a year alone when the study collects only the year of birth
 * @param groups the chosen group per group class id
 */
public record SubjectInput(
    String label,
    String secondaryLabel,
    LocalDate enrollmentDate,
    Sex sex,
    String dateOfBirth,
    String personId,
    Map<Long, Long> groups) {

  public SubjectInput {
    groups = groups == null ? Map.of() : Map.copyOf(groups);
  }

  public SubjectInput withSecondary(String value) {
    return new SubjectInput(label, value, enrollmentDate, sex, dateOfBirth, personId, groups);
  }

  public SubjectInput withPersonId(String value) {
    return new SubjectInput(label, secondaryLabel, enrollmentDate, sex, dateOfBirth, value, groups);
  }

  public SubjectInput withBirth(String value) {
    return new SubjectInput(label, secondaryLabel, enrollmentDate, sex, value, personId, groups);
  }

  public SubjectInput withSex(Sex value) {
    return new SubjectInput(label, secondaryLabel, enrollmentDate, value, dateOfBirth, personId, groups);
  }

  public SubjectInput withGroups(Map<Long, Long> value) {
    return new SubjectInput(label, secondaryLabel, enrollmentDate, sex, dateOfBirth, personId, value);
  }
}
