/**
 * A frozen copy of the Yuma epoch as committed before the issue-3 speed work (commit 55d0fa2):
 * the reference the benchmark compares speed against and the differential tests compare results
 * against, bit for bit. Test sources only; not used by production code.
 */
package dev.agora.chain.yuma.baseline;
