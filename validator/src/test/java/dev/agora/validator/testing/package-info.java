/** Test fixtures for the validator: a static chain client, a fleet of in-process miners and a tiny-model runtime. */
package dev.agora.validator.testing;
