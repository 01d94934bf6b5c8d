package jp.ac.umin.libreclinica.core.study;

/** What a study's status may or may not allow (see {@link StudyStatus#allows}). */
public enum StudyOperation {
  /** Change the study's design: details, parameters, sites, event definitions, CRFs. */
  CHANGE_DESIGN,
  VIEW,
  ASSIGN_USERS,
  ENROLL_SUBJECTS,
  ENTER_DATA,
  /** Review, query, verify (SDV) and sign data. */
  REVIEW_DATA,
  EXTRACT
}
