package jp.ac.umin.libreclinica.core.casebook;

import java.util.List;
import java.util.Locale;

/**
 * The extension point of the printed casebook: a bean of another feature (discrepancy notes,
 * SDV) adds its tables for a subject, in the order of {@link org.springframework.core.annotation.Order}.
 * Called inside the casebook's read-only transaction after the user's access to the subject was
 * checked; the contributor checks its own permission and returns nothing the user may not see.
 */
public interface CasebookContributor {

  List<CasebookSection> sectionsFor(String actor, long studySubjectId, Locale locale);
}
