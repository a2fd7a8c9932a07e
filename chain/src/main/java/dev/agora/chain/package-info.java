/** Agora chain module. */
package dev.agora.chain;
