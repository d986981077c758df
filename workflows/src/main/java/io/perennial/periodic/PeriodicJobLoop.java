package io.perennial.periodic;

/**
 * A periodic job run on a timer, for a server without Schedules.
 *
 * @param everySeconds the interval between due times; a run still going when the next is due skips it
 */
public record PeriodicJobLoop(PeriodicJob job, long everySeconds) {
}
