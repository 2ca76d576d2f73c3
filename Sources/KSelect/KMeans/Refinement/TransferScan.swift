import _KSelectKernels

extension LloydRun {
  /// One pass of the blocked transfer kernel over every row.
  struct TransferScan {
    /// 1 for the rows a single-point transfer might improve.
    var flags: [UInt8]
    /// Every row's squared distance to its own mean (the kernel's expanded form).
    var own: [Double]
    /// Every row's squared distance to the nearest other mean.
    var other: [Double]
    /// That nearest other cluster (empty unless asked for).
    var second: [Int32]
    /// The scale of the kernel's rounding margins (`transferMarginScale`).
    let scale: Double
  }

  /// Runs `ksk_transfer_candidates` over every row under `means` and `counts`, in parallel over
  /// fixed chunks; with `findsSecond`, also every row's nearest other cluster.
  func transferScan(_ labels: [Int32], means: [Double], counts: [Int], findsSecond: Bool) -> TransferScan {
    let n = data.rowCount
    let d = data.columnCount
    let k = clusterCount
    let panel = CentroidPanel(means, count: k, dimension: d)
    var inWeight = [Double](repeating: 1, count: panel.paddedCount)
    var outWeight = [Double](repeating: 0, count: k)
    for r in 0..<k {
      let size = Double(counts[r])
      inWeight[r] = size / (size + 1)
      if counts[r] > 1 { outWeight[r] = size / (size - 1) }
    }
    let scale = transferMarginScale(means)
    let variant = kernelVariant
    var scan = TransferScan(
      flags: [UInt8](repeating: 0, count: n), own: [Double](repeating: 0, count: n),
      other: [Double](repeating: 0, count: n), second: [Int32](repeating: 0, count: findsSecond ? n : 0),
      scale: scale)
    data.centred.values.withUnsafeBufferPointer { xs in
      data.rowNorms.withUnsafeBufferPointer { xn in
        labels.withUnsafeBufferPointer { ls in
          inWeight.withUnsafeBufferPointer { wi in
            outWeight.withUnsafeBufferPointer { wo in
              scan.flags.withUnsafeMutableBufferPointer { fs in
                scan.own.withUnsafeMutableBufferPointer { os in
                  scan.other.withUnsafeMutableBufferPointer { ns in
                    scan.second.withUnsafeMutableBufferPointer { ss in
                      panel.withPointers { p in
                        let input = TransferInputs(
                          x: xs.baseAddress!, norms: xn.baseAddress!, labels: ls.baseAddress!,
                          inWeight: wi.baseAddress!, outWeight: wo.baseAddress!, panel: p)
                        let out = TransferOutputs(
                          flags: fs.baseAddress!, own: os.baseAddress!, other: ns.baseAddress!,
                          second: findsSecond ? ss.baseAddress : nil)
                        parallelism.forEach(AssignmentKernel.chunkCount(n)) { chunk in
                          let rows = AssignmentKernel.rows(ofChunk: chunk, rowCount: n)
                          ksk_transfer_candidates(
                            variant, input.x, d, rows.lowerBound, rows.upperBound, input.norms,
                            input.panel.transposed, input.panel.norms, input.panel.paddedCount, input.labels,
                            input.inWeight, input.outWeight, scale, out.flags, out.own, out.other, out.second)
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    return scan
  }

  /// The scale of the transfer tests' rounding margins under `means`: the largest squared norm
  /// of a row or a mean.
  func transferMarginScale(_ means: [Double]) -> Double {
    let d = data.columnCount
    var largest = data.largestRowNorm
    for r in 0..<clusterCount {
      largest = max(largest, means[(r * d)..<((r + 1) * d)].reduce(0) { $0 + $1 * $1 })
    }
    return largest
  }

  /// The read-only buffers of one `ksk_transfer_candidates` pass; the chunks only read them.
  private struct TransferInputs: @unchecked Sendable {
    let x: UnsafePointer<Double>
    let norms: UnsafePointer<Double>
    let labels: UnsafePointer<Int32>
    let inWeight: UnsafePointer<Double>
    let outWeight: UnsafePointer<Double>
    let panel: CentroidPanel.Pointers
  }

  /// The per-row outputs of one `ksk_transfer_candidates` pass; every chunk writes its own rows.
  private struct TransferOutputs: @unchecked Sendable {
    let flags: UnsafeMutablePointer<UInt8>
    let own: UnsafeMutablePointer<Double>
    let other: UnsafeMutablePointer<Double>
    let second: UnsafeMutablePointer<Int32>?
  }
}
