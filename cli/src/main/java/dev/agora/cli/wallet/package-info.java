/** {@code agora wallet ...}: create wallets and hotkeys, list them, sign and verify text. */
package dev.agora.cli.wallet;
