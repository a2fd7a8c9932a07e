/** Agora inference module. */
package dev.agora.inference;
