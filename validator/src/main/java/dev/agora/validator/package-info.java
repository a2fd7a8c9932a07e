/** Agora validator module. */
package dev.agora.validator;
