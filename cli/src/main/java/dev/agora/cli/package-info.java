/** Agora cli module. */
package dev.agora.cli;
