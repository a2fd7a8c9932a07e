package dev.agora.validator.weights;

import io.vertx.core.Future;

/** Signs and submits quantised weights to the chain (set_weights, or commit then reveal). */
public interface WeightSubmitter {
  /**
   * @param uids ascending uids
   * @param weightsU16 their quantised weights, same length
   * @return completes when the chain accepted the extrinsic, fails with the chain's reason otherwise
   */
  Future<Void> submit(int[] uids, int[] weightsU16);
}
