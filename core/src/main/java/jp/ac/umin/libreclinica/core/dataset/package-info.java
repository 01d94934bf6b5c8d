/**
 * Datasets: what a study's data extract holds (events, CRFs, items, subject, event and CRF
 * attributes, date range, subject statuses), defined, edited, copied, removed and restored with
 * audit; their extracts run as background jobs ({@link jp.ac.umin.libreclinica.core.dataset.DatasetExtractWork},
 * kind {@code dataset-extract}) whose rows are the dataset's archive; daily or weekly schedules as
 * Quartz cron triggers; a notice (and an e-mail) when an extract ends. See docs/datasets.md.
 */
package jp.ac.umin.libreclinica.core.dataset;
