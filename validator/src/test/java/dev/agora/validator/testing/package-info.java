/** Test fixtures for the validator: a static chain client and a fleet of in-process miners. */
package dev.agora.validator.testing;
