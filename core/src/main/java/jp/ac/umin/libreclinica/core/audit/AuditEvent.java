package jp.ac.umin.libreclinica.core.audit;

import java.util.Objects;

/**
 * One thing that happened and must stay on the record: what ({@code action}, e.g.
 * {@code account.create}), to which entity, the old and new value, and why.
 *
 * <p>Build with {@link #of(String, String, Object)} and the {@code with…} methods; pass to
 * {@link AuditService#record(AuditEvent)} inside the transaction that makes the change.
 */
public final class AuditEvent {

  private final String action;
  private final String entityType;
  private final String entityId;
  private String actor;
  private String oldValue;
  private String newValue;
  private String reason;
  private Long studyId;
  private String clientAddress;
  private AuditContext context;

  private AuditEvent(String action, String entityType, String entityId) {
    this.action = Objects.requireNonNull(action, "action");
    this.entityType = Objects.requireNonNull(entityType, "entityType");
    this.entityId = entityId;
  }

  /** An event on one entity; {@code entityId} may be null for events on no entity. */
  public static AuditEvent of(String action, String entityType, Object entityId) {
    return new AuditEvent(action, entityType, entityId == null ? null : entityId.toString());
  }

  /** Names the actor explicitly (e.g. the user name of a failed login); else the signed-in user. */
  public AuditEvent withActor(String actor) {
    this.actor = actor;
    return this;
  }

  public AuditEvent withOldValue(String oldValue) {
    this.oldValue = oldValue;
    return this;
  }

  public AuditEvent withNewValue(String newValue) {
    this.newValue = newValue;
    return this;
  }

  public AuditEvent withReason(String reason) {
    this.reason = reason;
    return this;
  }

  public AuditEvent withStudyId(Long studyId) {
    this.studyId = studyId;
    return this;
  }

  /** The network address the request came from; else the one {@link AuditActorProvider} knows. */
  public AuditEvent withClientAddress(String clientAddress) {
    this.clientAddress = clientAddress;
    return this;
  }

  /**
   * Says where the record belongs in a subject's casebook; without it, an
   * {@link AuditContextResolver} finds out from the entity.
   */
  public AuditEvent withContext(AuditContext context) {
    this.context = context;
    return this;
  }

  public String action() {
    return action;
  }

  public String entityType() {
    return entityType;
  }

  public String entityId() {
    return entityId;
  }

  public String actor() {
    return actor;
  }

  public String oldValue() {
    return oldValue;
  }

  public String newValue() {
    return newValue;
  }

  public String reason() {
    return reason;
  }

  public Long studyId() {
    return studyId;
  }

  public String clientAddress() {
    return clientAddress;
  }

  public AuditContext context() {
    return context;
  }
}
