package jp.ac.umin.libreclinica.core.demo;

/** Told how far the generation is (subjects done of the total, time so far). */
@FunctionalInterface
public interface DemoProgress {

  void subjectsDone(int done, int total, long millis);
}
