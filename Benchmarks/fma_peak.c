// The FMA peak of one core, the yardstick of the kernel's "percent of peak": twelve independent
// chains of 256-bit fused multiply-adds (enough to cover the latency of two FMA pipes).
//   gcc -O3 -mavx2 -mfma -o /tmp/fma_peak Benchmarks/fma_peak.c && /tmp/fma_peak
#include <immintrin.h>
#include <stdio.h>
#include <time.h>

int main(void) {
  __m256d chains[12];
  __m256d scale = _mm256_set1_pd(0.999999), offset = _mm256_set1_pd(1e-9);
  for (int i = 0; i < 12; i++) chains[i] = _mm256_set1_pd(i);
  const long iterations = 200000000;
  struct timespec start, end;
  clock_gettime(CLOCK_MONOTONIC, &start);
  for (long step = 0; step < iterations; step++)
    for (int i = 0; i < 12; i++) chains[i] = _mm256_fmadd_pd(chains[i], scale, offset);
  clock_gettime(CLOCK_MONOTONIC, &end);
  double seconds = (end.tv_sec - start.tv_sec) + (end.tv_nsec - start.tv_nsec) * 1e-9;
  double sink = 0;
  for (int i = 0; i < 12; i++) sink += _mm256_cvtsd_f64(chains[i]);
  // 4 lanes × 2 flops per FMA.
  printf("%.1f GFLOP/s (checksum %g)\n", iterations * 12.0 * 8 / seconds / 1e9, sink);
  return 0;
}
