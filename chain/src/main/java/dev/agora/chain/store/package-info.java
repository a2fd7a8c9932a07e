/**
 * The chain's schema on {@link dev.agora.storage.KvStore}: one column per state map plus blocks, the
 * extrinsic index and metadata ({@link dev.agora.chain.store.ChainSchema}), and {@link
 * dev.agora.chain.store.ChainStore}, which writes a block and all its state changes in one
 * transaction and loads the state back on restart.
 */
package dev.agora.chain.store;
