/**
 * The request-authentication pipeline of DESIGN.md §3, in order and failing closed: size, headers,
 * receiver, time window, body hash, signature, replay, blacklist (registration, permit, stake), rate
 * limit. Pure apart from the time passed in; the axon runs it on every request.
 */
package dev.agora.miner.auth;
