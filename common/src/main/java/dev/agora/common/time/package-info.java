/** Time, injected. */
package dev.agora.common.time;
