package jp.ac.umin.libreclinica.core.discrepancy;

/**
 * An answer to a thread.
 *
 * @param status the status the thread takes
 * @param description the short description (required)
 * @param detailedNote the detailed note (optional)
 * @param assignedTo who is to act next (null: nobody)
 */
public record NoteAnswer(NoteStatus status, String description, String detailedNote, String assignedTo) {}
