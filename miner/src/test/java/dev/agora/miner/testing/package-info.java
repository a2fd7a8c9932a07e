/** Test helpers for the miner module. */
package dev.agora.miner.testing;
