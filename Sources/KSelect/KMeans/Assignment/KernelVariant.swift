import _KSelectKernels

/// The variant of the C kernels a computation runs: `.avx2` (256-bit AVX2 with fused
/// multiply-adds) or `.portable` (any CPU). Both give bit-identical results; only the speed
/// differs (see Sources/_KSelectKernels/README.md).
package typealias KernelVariant = ksk_variant

extension KernelVariant {
  /// The variant this CPU runs best, detected once from CPUID.
  static let best = ksk_best_variant()
}
