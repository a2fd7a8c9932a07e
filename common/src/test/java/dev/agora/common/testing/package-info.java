/** Shared test fixtures, published in the common test-jar. */
package dev.agora.common.testing;
