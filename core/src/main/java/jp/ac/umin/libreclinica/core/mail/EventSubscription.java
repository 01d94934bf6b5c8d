package jp.ac.umin.libreclinica.core.mail;

import java.time.Instant;
import jp.ac.umin.libreclinica.core.event.SubjectEventStatus;

/**
 * A user's subscription to the events of one event definition: they are mailed when a subject's
 * event of that definition reaches {@code when} (any status when null).
 *
 * @param id the subscription
 * @param userName the subscriber
 * @param fullName the subscriber's name as the account gives it
 * @param definitionId the event definition
 * @param definitionName its name
 * @param when the status that triggers a mail, or null for every change
 * @param createdAt when it was made
 */
public record EventSubscription(
    long id,
    String userName,
    String fullName,
    long definitionId,
    String definitionName,
    SubjectEventStatus when,
    Instant createdAt) {}
