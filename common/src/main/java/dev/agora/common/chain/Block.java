package dev.agora.common.chain;

import java.util.List;

/** A block: its header, the extrinsics in order, and one receipt per extrinsic. */
public record Block(BlockHeader header, List<SignedExtrinsic> extrinsics, List<Receipt> receipts) {
  public Block {
    extrinsics = List.copyOf(extrinsics);
    receipts = List.copyOf(receipts);
  }

  public long height() {
    return header.height();
  }
}
