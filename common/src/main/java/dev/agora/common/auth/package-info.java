/** The signed-request scheme between nodes (DESIGN.md section 3) and signed responses. */
package dev.agora.common.auth;
