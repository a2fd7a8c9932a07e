package dev.agora.chain.runtime;

import dev.agora.chain.state.ChainState;
import dev.agora.chain.state.Outcome;
import dev.agora.chain.state.SubnetRecord;
import dev.agora.chain.state.Transitions;
import dev.agora.common.chain.Block;
import dev.agora.common.chain.BlockHeader;
import dev.agora.common.chain.ChainError;
import dev.agora.common.chain.ExtrinsicStatus;
import dev.agora.common.chain.Receipt;
import dev.agora.common.chain.SignedExtrinsic;
import dev.agora.common.crypto.KeyPair;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Builds one block on top of a state, without I/O: first each subnet's emission and due epochs
 * (like the reference chain's on_initialize), then the pool's extrinsics, each signer's in nonce
 * order. Extrinsics whose nonce is ahead stay in the pool for up to {@code maxNonceGapBlocks}.
 */
public final class BlockBuilder {
  private static final Logger LOG = Logger.getLogger(BlockBuilder.class.getName());
  private final Transitions transitions;
  private final KeyPair chainKey;
  private final int maxExtrinsicsPerBlock;
  private final long maxNonceGapBlocks;

  public BlockBuilder(
      final Transitions transitions,
      final KeyPair chainKey,
      final int maxExtrinsicsPerBlock,
      final long maxNonceGapBlocks) {
    this.transitions = transitions;
    this.chainKey = chainKey;
    this.maxExtrinsicsPerBlock = maxExtrinsicsPerBlock;
    this.maxNonceGapBlocks = maxNonceGapBlocks;
  }

  public BuiltBlock build(
      final ChainState base,
      final BlockHeader parent,
      final long timestampMs,
      final List<PoolEntry> pool) {
    final long height = parent.height() + 1;
    final ChainState overlay = base.child();
    for (final int netuid : overlay.netuids()) {
      final SubnetRecord sn = overlay.subnet(netuid).orElseThrow();
      EpochRunner.emit(overlay, sn, transitions.params().emissionPerBlock());
      final SubnetRecord fresh = overlay.subnet(netuid).orElseThrow();
      if (EpochRunner.due(fresh, height)) {
        final ChainState epoch = overlay.child();
        try {
          EpochRunner.runEpoch(epoch, fresh, height);
          epoch.mergeIntoParent();
        } catch (RuntimeException e) {
          // never stall the chain on one subnet's epoch: skip it, the pools keep accumulating
          LOG.log(Level.SEVERE, "epoch of subnet " + netuid + " failed at block " + height
              + "; skipped, pending emission carried over", e);
          overlay.putSubnet(fresh.withEpoch(height, fresh.epochIndex()));
        }
      }
    }
    final List<PoolEntry> ordered = order(pool);
    final List<SignedExtrinsic> included = new ArrayList<>();
    final List<Receipt> receipts = new ArrayList<>();
    final List<String> consumed = new ArrayList<>();
    final Map<String, ExtrinsicStatus> dropped = new HashMap<>();
    for (final PoolEntry e : ordered) {
      if (included.size() >= maxExtrinsicsPerBlock) {
        break;
      }
      final Outcome o = transitions.apply(overlay, e.extrinsic(), height, true);
      if (o instanceof Outcome.Applied) {
        receipts.add(new Receipt(e.hash(), height, included.size(), Receipt.OK, ""));
        included.add(e.extrinsic());
        consumed.add(e.hash());
      } else if (o instanceof Outcome.Refused r && r.nonceUsed()) {
        receipts.add(new Receipt(e.hash(), height, included.size(), r.code().name(), r.message()));
        included.add(e.extrinsic());
        consumed.add(e.hash());
      } else if (o instanceof Outcome.Refused r) {
        consumed.add(e.hash());
        dropped.put(e.hash(), new ExtrinsicStatus(e.hash(), ExtrinsicStatus.State.REFUSED, -1,
            r.code().name(), r.message()));
      } else if (height - e.arrivedAtHeight() > maxNonceGapBlocks) {
        consumed.add(e.hash());
        dropped.put(e.hash(), new ExtrinsicStatus(e.hash(), ExtrinsicStatus.State.REFUSED, -1,
            ChainError.BAD_NONCE.name(), "nonce gap not filled within " + maxNonceGapBlocks
                + " blocks"));
      }
    }
    final BlockHeader header = BlockHashing.seal(chainKey, height, parent.hash(), timestampMs,
        BlockHashing.extrinsicsRoot(receipts), BlockHashing.stateDigest(overlay.global()));
    return new BuiltBlock(new Block(header, included, receipts), overlay, consumed, dropped);
  }

  /** Groups by signer in order of first arrival, each group in nonce order. */
  static List<PoolEntry> order(final List<PoolEntry> pool) {
    final Map<String, Long> first = new HashMap<>();
    for (final PoolEntry e : pool) {
      first.merge(e.extrinsic().signer(), e.seq(), Math::min);
    }
    final List<PoolEntry> out = new ArrayList<>(pool);
    out.sort(Comparator.<PoolEntry>comparingLong(e -> first.get(e.extrinsic().signer()))
        .thenComparingLong(e -> e.extrinsic().nonce())
        .thenComparingLong(PoolEntry::seq));
    return out;
  }
}
