/** Weight setting: the guarded setter that persists the submission record before anything is signed. */
package dev.agora.validator.weights;
