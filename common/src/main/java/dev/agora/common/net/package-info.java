/**
 * Vert.x HTTP clients: {@link dev.agora.common.net.HttpChainClient}, the chain API client. (The
 * only package of common that uses Vert.x.)
 */
package dev.agora.common.net;
