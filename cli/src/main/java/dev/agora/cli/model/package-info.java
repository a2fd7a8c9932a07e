/** {@code agora model ...} and {@code agora generate}: demo models, generation and verification. */
package dev.agora.cli.model;
