package dev.agora.chain.yuma.scenario;

import dev.agora.chain.emission.BlockEmission;
import dev.agora.chain.emission.EmissionSplit;
import dev.agora.chain.yuma.U16Rows;
import dev.agora.chain.yuma.YumaEpoch;
import dev.agora.chain.yuma.YumaInput;
import dev.agora.chain.yuma.YumaOutput;
import dev.agora.chain.yuma.scenario.ScenarioReport.CaseResult;
import dev.agora.chain.yuma.scenario.ScenarioReport.CoinbaseResult;
import dev.agora.chain.yuma.scenario.ScenarioReport.Mismatch;
import dev.agora.chain.yuma.scenario.ScenarioReport.StepResult;
import dev.agora.common.math.WeightQuantizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs scenario cases on {@link YumaEpoch}, keeping the subnet state between ops as the chain
 * would: after each {@code epoch} the new validator permits and the bonds are stored; consensus
 * and the other outputs are only reported. {@code last_mechanism_step_block} stays as given (the
 * reference tests call the epoch directly, which does not update it).
 */
public final class ScenarioRunner {
  private final boolean checkSecondary;

  /**
   * @param checkSecondary also compare {@code secondary_reference} and {@code
   *     expect_from_test_comments} (fields prefixed in the report)
   */
  public ScenarioRunner(final boolean checkSecondary) {
    this.checkSecondary = checkSecondary;
  }

  /** Runs every case of a file. */
  public ScenarioReport run(final ScenarioFile file) {
    final List<CaseResult> cases = new ArrayList<>();
    for (final ScenarioCase c : file.epochCases()) {
      cases.add(runCase(c));
    }
    final List<CoinbaseResult> coinbase = new ArrayList<>();
    for (final CoinbaseCase c : file.coinbaseCases()) {
      coinbase.add(runCoinbase(c));
    }
    return new ScenarioReport(List.copyOf(cases), List.copyOf(coinbase), file.mathCaseCount());
  }

  /** Runs one epoch case. */
  public CaseResult runCase(final ScenarioCase c) {
    final State s = new State(c);
    final List<StepResult> results = new ArrayList<>();
    int index = 0;
    for (final Step step : c.steps()) {
      try {
        results.add(apply(s, step, index));
      } catch (final IllegalArgumentException | ArithmeticException e) {
        return new CaseResult(
            c.id(),
            c.description(),
            List.copyOf(results),
            Optional.of("step " + index + " (" + step.op() + "): " + e.getMessage()),
            c.warnings());
      }
      index++;
    }
    return new CaseResult(c.id(), c.description(), List.copyOf(results), Optional.empty(), c.warnings());
  }

  private StepResult apply(final State s, final Step step, final int index) {
    final long block = s.block;
    if (step instanceof Step.Epoch e) {
      return epoch(s, e, index);
    }
    if (step instanceof Step.SetWeights w) {
      s.weightUids[w.uid()] = w.uids().clone();
      s.weightValues[w.uid()] = WeightQuantizer.maxUpscaleToU16(w.values());
      s.lastUpdate[w.uid()] = s.block;
    } else if (step instanceof Step.InsertWeightsRaw w) {
      s.weightUids[w.uid()] = w.uids().clone();
      s.weightValues[w.uid()] = w.values().clone();
    } else if (step instanceof Step.AdvanceToBlock a) {
      if (a.block() < 0) {
        throw new IllegalArgumentException("block must be >= 0, got " + a.block());
      }
      s.block = a.block();
    } else if (step instanceof Step.AddStake a) {
      final long v = Math.addExact(s.stake[a.uid()], a.amount());
      if (v < 0) {
        throw new IllegalArgumentException("stake of uid " + a.uid() + " would become negative");
      }
      s.stake[a.uid()] = v;
    } else if (step instanceof Step.ReplaceNeuron r) {
      replace(s, r);
    } else if (step instanceof Step.ResetBondsColumn r) {
      resetColumn(s, r.uid());
    }
    return new StepResult(
        index, step.op(), block, Optional.empty(), List.of(), List.of(), Optional.empty(),
        Optional.empty(), Optional.empty());
  }

  private StepResult epoch(final State s, final Step.Epoch e, final int index) {
    final long[] stakeNow = s.stake.clone();
    final YumaInput in =
        YumaInput.builder(s.n)
            .currentBlock(s.block)
            .stake(stakeNow)
            .blockAtRegistration(s.registered.clone())
            .lastUpdate(s.lastUpdate.clone())
            .validatorPermit(s.permit.clone())
            .weights(new U16Rows(s.weightUids.clone(), s.weightValues.clone()))
            .bonds(s.bonds)
            .params(s.c.params())
            .raoEmission(e.raoEmission())
            .ownerUid(s.c.ownerUid())
            .lastMechanismStepBlock(s.c.lastMechanismStepBlock())
            .build();
    final YumaOutput out = YumaEpoch.run(in);
    s.permit = out.newValidatorPermit().clone();
    s.bonds = out.bonds();
    final List<String> checked = new ArrayList<>();
    final List<Mismatch> mismatches = new ArrayList<>();
    e.expect().ifPresent(x -> ExpectationChecker.check("", x, e.tolerance(), out, checked, mismatches));
    if (checkSecondary) {
      e.secondaryReference()
          .ifPresent(x -> ExpectationChecker.check("secondary_reference.", x, e.tolerance(), out, checked, mismatches));
      e.expectFromTestComments()
          .ifPresent(x -> ExpectationChecker.check("expect_from_test_comments.", x, e.tolerance(), out, checked, mismatches));
    }
    return new StepResult(
        index,
        "epoch",
        s.block,
        e.note(),
        List.copyOf(checked),
        List.copyOf(mismatches),
        e.expectRule(),
        Optional.of(stakeNow),
        Optional.of(out));
  }

  private static void replace(final State s, final Step.ReplaceNeuron r) {
    final int u = r.uid();
    s.weightUids[u] = new int[0];
    s.weightValues[u] = new int[0];
    for (int i = 0; i < s.n; i++) {
      final int[] cols = s.weightUids[i];
      for (int k = 0; k < cols.length; k++) {
        if (cols[k] == u) {
          final int[] vals = s.weightValues[i].clone();
          vals[k] = 0; // the entry stays, zeroed, as clear_neuron does
          s.weightValues[i] = vals;
        }
      }
    }
    s.bonds = s.bonds.withRow(u, new int[0], new int[0]);
    s.permit[u] = false;
    s.registered[u] = s.block;
    s.lastUpdate[u] = s.block;
    s.stake[u] = r.newStake();
  }

  private static void resetColumn(final State s, final int u) {
    final int[][] cu = s.bonds.uids().clone();
    final int[][] cv = s.bonds.values().clone();
    for (int i = 0; i < s.n; i++) {
      int cnt = 0;
      for (final int j : cu[i]) {
        if (j != u) {
          cnt++;
        }
      }
      if (cnt == cu[i].length) {
        continue;
      }
      final int[] nu = new int[cnt];
      final int[] nv = new int[cnt];
      int k2 = 0;
      for (int k = 0; k < cu[i].length; k++) {
        if (cu[i][k] != u) {
          nu[k2] = cu[i][k];
          nv[k2++] = cv[i][k];
        }
      }
      cu[i] = nu;
      cv[i] = nv;
    }
    s.bonds = new U16Rows(cu, cv);
  }

  /** Runs one coinbase case. */
  public CoinbaseResult runCoinbase(final CoinbaseCase c) {
    final List<Mismatch> mismatches = new ArrayList<>();
    int checks = 0;
    for (final CoinbaseCase.Check k : c.checks()) {
      final BlockEmission e = EmissionSplit.split(k.alphaOut(), k.ownerCutU16(), k.rootProportionRaw());
      for (final Map.Entry<String, Long> x : k.expected().entrySet()) {
        final long actual;
        switch (x.getKey()) {
          case "PendingServerEmission" -> actual = e.server();
          case "PendingValidatorEmission" -> actual = e.validator();
          case "PendingRootAlphaDivs" -> actual = e.rootAlphaDivs();
          case "PendingOwnerCut" -> actual = e.ownerCut();
          default -> {
            mismatches.add(new Mismatch(x.getKey(), "field", "a pending pool", "unknown pool", 0));
            continue;
          }
        }
        checks++;
        if (Math.abs(actual - x.getValue()) > k.tolerance()) {
          mismatches.add(
              new Mismatch(
                  x.getKey(),
                  "alpha_out=" + k.alphaOut() + ",cut=" + k.ownerCutU16(),
                  Long.toString(x.getValue()),
                  Long.toString(actual),
                  k.tolerance()));
        }
      }
    }
    return new CoinbaseResult(c.id(), List.copyOf(mismatches), checks);
  }

  /** Mutable subnet state of one running case. */
  private static final class State {
    final ScenarioCase c;
    final int n;
    long block;
    final long[] stake;
    final long[] registered;
    final long[] lastUpdate;
    boolean[] permit;
    final int[][] weightUids;
    final int[][] weightValues;
    U16Rows bonds;

    State(final ScenarioCase c) {
      this.c = c;
      final ScenarioCase.InitialState i = c.initial();
      this.n = i.n();
      this.block = i.currentBlock();
      this.stake = i.stake().clone();
      this.registered = i.blockAtRegistration().clone();
      this.lastUpdate = i.lastUpdate().clone();
      this.permit = i.validatorPermit().clone();
      this.weightUids = new int[n][];
      this.weightValues = new int[n][];
      for (int k = 0; k < n; k++) {
        weightUids[k] = i.weightUids()[k].clone();
        weightValues[k] = i.weightValues()[k].clone();
      }
      this.bonds = U16Rows.empty(n);
    }
  }
}
