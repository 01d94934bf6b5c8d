package jp.ac.umin.libreclinica.core.dataset;

import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;

/** The Quartz side of a dataset's schedule: each firing starts one extract job. */
public class DatasetScheduleRunner implements Job {

  // set by Spring's job factory, which autowires each job instance
  @Autowired private DatasetService datasets;

  @Override
  public void execute(JobExecutionContext context) {
    datasets.runScheduled(context.getMergedJobDataMap().getLong(DatasetService.DATASET_ID));
  }
}
