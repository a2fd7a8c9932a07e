/** Agora miner module. */
package dev.agora.miner;
