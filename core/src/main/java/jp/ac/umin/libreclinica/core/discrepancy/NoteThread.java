package jp.ac.umin.libreclinica.core.discrepancy;

import java.util.List;

/**
 * A thread as a page shows it: the parent (current status, assigned user), its notes oldest
 * first, where it sits, and what the viewer may answer.
 *
 * @param parent the thread
 * @param notes its messages, oldest first
 * @param where what the thread is about, for people
 * @param answers the statuses the viewer may give the thread
 */
public record NoteThread(DiscrepancyNote parent, List<DiscrepancyNote> notes, NotePlace where, List<NoteStatus> answers) {}
