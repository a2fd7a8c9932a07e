/**
 * Block production: the genesis ({@link dev.agora.chain.runtime.GenesisSpec}), the pure block builder
 * (per-block emission, epochs through {@link dev.agora.chain.yuma.YumaEpoch}, extrinsics), the node
 * that produces blocks on a timer and persists each in one transaction ({@link
 * dev.agora.chain.runtime.ChainNode}), and the in-process {@link dev.agora.common.chain.ChainClient}.
 */
package dev.agora.chain.runtime;
