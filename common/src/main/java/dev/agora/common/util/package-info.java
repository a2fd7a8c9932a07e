/** Small shared utilities: hex encoding and canonical JSON. */
package dev.agora.common.util;
