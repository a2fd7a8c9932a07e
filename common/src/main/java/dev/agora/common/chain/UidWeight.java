package dev.agora.common.chain;

/** One sparse entry of a weights or bonds row: target uid and u16 value. */
public record UidWeight(int uid, int value) {}
