package jp.ac.umin.libreclinica.web.audit;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jp.ac.umin.libreclinica.core.audit.AuditQuery;

/** The filter of the audit log page (query parameters). */
public class AuditFilterForm {

  @Size(max = 255, message = "{audit.filter.tooLong}")
  private String actor;

  @Size(max = 255, message = "{audit.filter.tooLong}")
  private String action;

  @Size(max = 255, message = "{audit.filter.tooLong}")
  private String entityType;

  @Size(max = 255, message = "{audit.filter.tooLong}")
  private String entityId;

  @Min(0)
  private int page;

  AuditQuery toQuery() {
    return new AuditQuery(actor, action, entityType, entityId);
  }

  public String getActor() {
    return actor;
  }

  public void setActor(String actor) {
    this.actor = actor;
  }

  public String getAction() {
    return action;
  }

  public void setAction(String action) {
    this.action = action;
  }

  public String getEntityType() {
    return entityType;
  }

  public void setEntityType(String entityType) {
    this.entityType = entityType;
  }

  public String getEntityId() {
    return entityId;
  }

  public void setEntityId(String entityId) {
    this.entityId = entityId;
  }

  public int getPage() {
    return page;
  }

  public void setPage(int page) {
    this.page = Math.max(0, page);
  }
}
