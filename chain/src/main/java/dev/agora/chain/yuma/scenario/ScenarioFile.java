package dev.agora.chain.yuma.scenario;

import java.util.List;

/**
 * A parsed scenario file.
 *
 * @param epochCases the {@code epoch_cases}
 * @param coinbaseCases the {@code coinbase_cases}
 * @param mathCaseCount how many {@code math_cases} the file has (checked by the test suite only)
 */
public record ScenarioFile(
    List<ScenarioCase> epochCases, List<CoinbaseCase> coinbaseCases, int mathCaseCount) {}
