/**
 * Studies and their sites (child studies), their parameters and their lifecycle.
 *
 * <p>A site is a study with a parent. Parameters that change behaviour later (subject ID
 * generation, date of birth, person ID, interviewer, reason for change, ...) are held on every
 * study row; a new site starts with its parent's values and may override only those that
 * {@link jp.ac.umin.libreclinica.core.study.StudyParameters#SITE_OVERRIDABLE} lists. What each
 * status allows is {@link jp.ac.umin.libreclinica.core.study.StudyStatus#allows}, documented in
 * {@code docs/study-lifecycle.md}.
 */
package jp.ac.umin.libreclinica.core.study;
