package jp.ac.umin.libreclinica.core.mail;

import java.util.Locale;

/**
 * What a note-assignment mail says, gathered inside a transaction and then sent outside it.
 *
 * @param to the recipient's address
 * @param recipientName the recipient's full name
 * @param locale the recipient's language
 * @param assignedBy who assigned the note
 * @param studyName the study
 * @param subjectLabel the subject ID
 * @param typeKey the message key of the note type
 * @param statusKey the message key of the thread status
 * @param description the thread's description
 * @param threadId the thread
 */
public record NoteMailFacts(
    String to,
    String recipientName,
    Locale locale,
    String assignedBy,
    String studyName,
    String subjectLabel,
    String typeKey,
    String statusKey,
    String description,
    long threadId) {}
