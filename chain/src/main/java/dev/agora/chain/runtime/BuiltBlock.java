package dev.agora.chain.runtime;

import dev.agora.chain.state.ChainState;
import dev.agora.common.chain.Block;
import dev.agora.common.chain.ExtrinsicStatus;
import java.util.List;
import java.util.Map;

/**
 * A block ready to commit: the block, the overlay with all its state changes, the pool entries it
 * consumed (included or dropped), and the dropped ones' statuses.
 */
public record BuiltBlock(
    Block block, ChainState overlay, List<String> consumed, Map<String, ExtrinsicStatus> dropped) {}
