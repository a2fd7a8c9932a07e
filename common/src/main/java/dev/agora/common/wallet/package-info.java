/**
 * Wallet files in Bittensor's layout: {@code <root>/<name>/coldkey} (scrypt + AES-256-GCM),
 * {@code coldkeypub.txt} and {@code hotkeys/<hotkey>}. All work here is blocking (scrypt, file
 * I/O); callers on a Vert.x event loop run it through executeBlocking.
 */
package dev.agora.common.wallet;
