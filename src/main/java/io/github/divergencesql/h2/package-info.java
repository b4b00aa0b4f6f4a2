/**
 * The functions in H2: {@code H2Aggregate} maps H2's {@code Aggregate} API onto a core
 * accumulator (one named subclass per function in {@code H2Functions}, as {@code CREATE
 * AGGREGATE} needs a class), {@code H2Functions.install} registers them. No arithmetic here.
 *
 * <p>Thread safety: H2 creates an aggregate instance per call site and group; instances are not
 * shared between threads. {@code install} is safe to call from several connections.
 *
 * <p>References: the engine tests ({@code H2EngineTest} through {@code EngineContract}, the
 * golden file) compare with the same mpmath references as the core.
 */
package io.github.divergencesql.h2;
