package dev.agora.validator.scoring;

/**
 * One verified answer's timing kept in a miner's window.
 *
 * @param ttftMs time to first token, ms
 * @param decodeTps decode rate, tokens per second
 */
public record Sample(double ttftMs, double decodeTps) {}
