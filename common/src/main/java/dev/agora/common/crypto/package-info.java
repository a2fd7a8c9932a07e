/**
 * Ed25519 keys and signatures (Bouncy Castle), SHA-256, and bech32m addresses with the human-readable
 * part {@code agora}.
 */
package dev.agora.common.crypto;
