/**
 * Node commands: {@code agora miner run}, {@code agora validator run} and {@code agora devnet} (a chain,
 * an owner with a subnet, validators and miners in one JVM on loopback).
 */
package dev.agora.cli.node;
