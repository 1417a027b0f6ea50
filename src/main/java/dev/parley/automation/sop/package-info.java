/**
 * Broadcasts ({@code /sop}): a named task sends planned steps (day 1 welcome, day 3 offer, …) to a list of chats
 * frozen when it starts — tagged contacts and groups, or named groups and chats — from one account or from the whole
 * fleet (each chat from one account only). {@link dev.parley.automation.sop.SopRunner} hands the sends to each
 * account's outbound queue a few at a time, so they go at the account's pace, outside quiet hours and within the
 * daily cap, skipping chats that opted out; each send's row id is its outbound origin, so a send is queued at most once
 * across pauses, restarts and crashes, and one whose fate is unknown is reported, not repeated. A live card follows
 * each task.
 *
 * <p>This package owns {@code sop_tasks}, {@code sop_steps} and {@code sop_sends}. It reads {@code outbound} to learn
 * what became of its sends but changes outbound messages only through {@link dev.parley.outbound.OutboundQueue}; it
 * never calls a connector or an SDK, and never writes {@code messages}.
 */
package dev.parley.automation.sop;
