/** Test helpers for the miner module; the validator's tests use them too, through the miner's test-jar. */
package dev.agora.miner.testing;
