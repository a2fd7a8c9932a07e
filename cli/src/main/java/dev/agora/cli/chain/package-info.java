/**
 * Chain commands: {@code agora chain run}, {@code agora subnet ...}, {@code agora stake ...},
 * {@code agora sudo ...}, {@code agora weights ...}. Thin: parse options, call the chain through a
 * {@link dev.agora.common.chain.ChainClient}, print text or JSON.
 */
package dev.agora.cli.chain;
