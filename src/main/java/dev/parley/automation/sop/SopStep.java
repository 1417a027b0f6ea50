package dev.parley.automation.sop;

/**
 * One step of a broadcast: what is sent, and how long after the task's start.
 *
 * @param position 1 for the first step
 * @param delayMs  after the start, ms
 * @param text     a template text ({@code {name}}, spintax…), or {@code tpl:<name>} for a saved template
 */
record SopStep(int position, long delayMs, String text) {
}
