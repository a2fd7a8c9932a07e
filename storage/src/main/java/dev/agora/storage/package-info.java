/** Agora storage module. */
package dev.agora.storage;
