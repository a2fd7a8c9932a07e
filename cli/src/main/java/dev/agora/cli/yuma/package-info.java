/** {@code agora yuma}: run Yuma Consensus scenario files (yuma/SPEC.md §13). */
package dev.agora.cli.yuma;
