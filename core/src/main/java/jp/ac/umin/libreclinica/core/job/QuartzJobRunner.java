package jp.ac.umin.libreclinica.core.job;

import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;

/** The Quartz side of a background job: runs it through {@link BackgroundJobService}. */
public class QuartzJobRunner implements Job {

  // set by Spring's job factory, which autowires each job instance
  @Autowired private BackgroundJobService service;

  @Override
  public void execute(JobExecutionContext context) {
    service.execute(context.getMergedJobDataMap().getLong(BackgroundJobService.JOB_ID));
  }
}
