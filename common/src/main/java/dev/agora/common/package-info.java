/** Agora common module. */
package dev.agora.common;
