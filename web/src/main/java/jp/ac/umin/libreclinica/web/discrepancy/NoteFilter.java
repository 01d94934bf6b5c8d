package jp.ac.umin.libreclinica.web.discrepancy;

import jp.ac.umin.libreclinica.core.discrepancy.NoteQuery;
import jp.ac.umin.libreclinica.core.discrepancy.NoteStatus;
import jp.ac.umin.libreclinica.core.discrepancy.NoteType;

/** The filters of the notes view as request parameters. */
public class NoteFilter {
  private NoteType type;
  private NoteStatus status;
  private Long site;
  private String subject;
  private Long event;
  private Long crf;
  private String assigned;
  private Integer minDays;
  private Integer maxDays;

  NoteQuery toQuery() {
    return new NoteQuery(type, status, site, subject, event, crf, assigned,
        minDays == null ? null : Math.max(minDays, 0), maxDays == null ? null : Math.max(maxDays, 0));
  }

  public NoteType getType() {
    return type;
  }

  public void setType(NoteType type) {
    this.type = type;
  }

  public NoteStatus getStatus() {
    return status;
  }

  public void setStatus(NoteStatus status) {
    this.status = status;
  }

  public Long getSite() {
    return site;
  }

  public void setSite(Long site) {
    this.site = site;
  }

  public String getSubject() {
    return subject;
  }

  public void setSubject(String subject) {
    this.subject = subject;
  }

  public Long getEvent() {
    return event;
  }

  public void setEvent(Long event) {
    this.event = event;
  }

  public Long getCrf() {
    return crf;
  }

  public void setCrf(Long crf) {
    this.crf = crf;
  }

  public String getAssigned() {
    return assigned;
  }

  public void setAssigned(String assigned) {
    this.assigned = assigned;
  }

  public Integer getMinDays() {
    return minDays;
  }

  public void setMinDays(Integer minDays) {
    this.minDays = minDays;
  }

  public Integer getMaxDays() {
    return maxDays;
  }

  public void setMaxDays(Integer maxDays) {
    this.maxDays = maxDays;
  }
}
