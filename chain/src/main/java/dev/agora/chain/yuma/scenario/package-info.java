/**
 * Scenario files in the format of yuma/vectors.json (SPEC §13): a scripted sequence of ops
 * ({@code set_weights}, {@code insert_weights_raw}, {@code advance_to_block}, {@code add_stake},
 * {@code replace_neuron}, {@code reset_bonds_column}, {@code epoch}) over a simulated subnet, with
 * expectations on any epoch output. {@link dev.agora.chain.yuma.scenario.ScenarioParser} reads a
 * file (stake as exact 64-bit integers, never through a double), {@link
 * dev.agora.chain.yuma.scenario.ScenarioRunner} runs it on {@link dev.agora.chain.yuma.YumaEpoch}
 * and returns a {@link dev.agora.chain.yuma.scenario.ScenarioReport} listing, per case and step,
 * pass or the mismatching fields with expected and actual values.
 */
package dev.agora.chain.yuma.scenario;
