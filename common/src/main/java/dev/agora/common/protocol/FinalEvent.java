package dev.agora.common.protocol;

/**
 * The final line of an answer stream (see {@link StreamEvents}).
 *
 * @param done always true
 * @param n number of tokens sent
 * @param h hex answer hash H = SHA-256(request id ‖ token ids)
 * @param rs base64 response signature ({@code ResponseSignatures}) by the miner's hotkey over
 *     (request id, 200, h): one signature is both the response signature of DESIGN §3 and the
 *     signed H of VERIFICATION §2.2, since H fixes every token of the body
 */
public record FinalEvent(boolean done, int n, String h, String rs) {}
