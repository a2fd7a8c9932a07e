/**
 * Scoring (VERIFICATION.md §2.6–2.7) and the weight-submission safety record: pure functions from
 * measured outcomes and prior state to new state, scores and weights. No clock, DB or network.
 */
package dev.agora.validator.scoring;
