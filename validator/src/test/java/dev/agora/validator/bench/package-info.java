/** Benchmarks of the nodes (run as a main, see docs/benchmarks/nodes.md); not part of the test suite. */
package dev.agora.validator.bench;
