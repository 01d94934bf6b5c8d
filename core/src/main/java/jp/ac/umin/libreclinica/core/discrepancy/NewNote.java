package jp.ac.umin.libreclinica.core.discrepancy;

/**
 * A note to raise.
 *
 * @param type its type
 * @param description the short description (required, at most 255 characters)
 * @param detailedNote the detailed note (optional)
 * @param assignedTo the user name of the person to act, or null
 */
public record NewNote(NoteType type, String description, String detailedNote, String assignedTo) {}
