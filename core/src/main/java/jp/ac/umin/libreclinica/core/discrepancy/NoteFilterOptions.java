package jp.ac.umin.libreclinica.core.discrepancy;

import java.util.List;

/**
 * What the notes view's filters offer at a study or site.
 *
 * @param sites the study and its sites (only the site itself when viewed at a site)
 * @param events the study's event definitions
 * @param crfs the CRFs used in the study's event definitions
 * @param users the people with a role there (for "assigned to")
 */
public record NoteFilterOptions(List<Option> sites, List<Option> events, List<Option> crfs, List<String> users) {

  /** A choice: its ID and name. */
  public record Option(long id, String name) {}
}
