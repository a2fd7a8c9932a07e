/** Agora config module. */
package dev.agora.config;
