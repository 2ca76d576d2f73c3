import _KSelectKernels

/// The kernel variants this machine can run: the portable one, and AVX2/FMA where the CPU has
/// it; tests run every kernel in each and expect the same numbers.
package let kernelVariants: [ksk_variant] = ksk_best_variant() == .avx2 ? [.portable, .avx2] : [.portable]
