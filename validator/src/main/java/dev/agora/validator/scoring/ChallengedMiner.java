package dev.agora.validator.scoring;

/**
 * One miner challenged in a round and what came of it.
 *
 * @param uid the miner's uid
 * @param hotkey the hotkey at that uid when the challenge was sent
 * @param outcome the measured and verified outcome
 */
public record ChallengedMiner(int uid, String hotkey, AnswerOutcome outcome) {}
