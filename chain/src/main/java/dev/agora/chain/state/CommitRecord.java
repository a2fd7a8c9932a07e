package dev.agora.chain.state;

/** A pending weights commit: its hash, the block and the subnet epoch index when it was made. */
public record CommitRecord(String hash, long block, long epoch) {}
