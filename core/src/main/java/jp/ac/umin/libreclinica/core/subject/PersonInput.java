package jp.ac.umin.libreclinica.core.subject;

/**
 * A person for the study's subject registry, as sent: checked against the study parameters
 * like the person fields of {@link SubjectInput}.
 *
 * @param personId the person ID (LibreClinica's unique identifier)
 * @param sex the sex, or null
 * @param dateOfBirth as sent: a full date, or a year when the study collects only the year
 */
public record PersonInput(String personId, Sex sex, String dateOfBirth) {}
