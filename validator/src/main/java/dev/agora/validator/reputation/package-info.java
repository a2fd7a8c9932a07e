/**
 * The validator's memory: miner records (reputation EMA, sample window, penalties) and the weight
 * submission record, on a {@link dev.agora.storage.KvStore}, written in one atomic batch per round.
 */
package dev.agora.validator.reputation;
