package dev.agora.common.chain;

/** One logged hyperparameter change: at {@code block}, {@code by} set {@code name} from old to new. */
public record HyperparameterChange(
    int netuid, String name, long block, long oldValue, long newValue, String by) {}
