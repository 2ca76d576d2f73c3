import Foundation
import Testing

@testable import KSelect

@Suite("tiny and subnormal values")
struct TinyValuesTests {
  /// Two groups of four points, `scale` apart, spread `scale`/10.
  static func groups(scale: Double) -> Dataset {
    let rows = (0..<8).map { i -> [Double] in
      let centre = i < 4 ? 0.0 : scale
      return [centre + Double(i % 4) * scale / 10, Double(i % 2) * scale / 10]
    }
    return Dataset(rows: rows)
  }

  @Test("subnormal data get a finite power-of-two scale and fit like ordinary data")
  func subnormal() throws {
    let data = Self.groups(scale: 1e-318)
    let prepared = PreparedData(data)
    #expect(prepared.scale.isFinite && prepared.scale == 0x1p1023)
    #expect(prepared.squaresUnderflow)
    let fit = try KMeans.fit(data, clusterCount: 2, options: KMeansOptions(parallelism: .serial))
    #expect(fit.sizes.sorted() == [4, 4])
    #expect(fit.labels[0] != fit.labels[7])
  }

  @Test("data around 1e-300: no criterion decides, and a note says why; z-scores decide")
  func underflowingSweep() throws {
    let options = SweepOptions(
      kMax: 4, fit: KMeansOptions(restarts: 2, parallelism: .serial), references: 3)
    let tiny = try Sweep.run(Self.groups(scale: 1e-300), options: options)
    #expect(tiny.recommendations.allSatisfy { $0.k == nil })
    #expect(tiny.recommendations.allSatisfy { $0.reason.contains("(scaling zscore)") })
    #expect(tiny.consensus.k == nil)
    #expect(tiny.notes.contains { $0.hasPrefix("no criterion can decide") })
    let input = try ClusteringInput(
      loaded: DataLoader.load(data: .init("x,y\n1e-300,0\n2e-300,1e-300\n9e-300,0\n".utf8), path: "t.csv"),
      scaling: .none)
    #expect(input.notes().contains { $0.contains("underflow") && $0.contains("(scaling zscore)") })
    let flagged = input.notes(naming: ParameterNaming { "--\($0.rawValue)" })
    #expect(flagged.contains { $0.contains("underflow") && $0.contains("(--scaling zscore)") })
    let scaled = ClusteringInput(loaded: input.loaded, scaling: .zscore)
    #expect(!scaled.notes().contains { $0.contains("underflow") })
    let ordinary = try Sweep.run(Self.groups(scale: 1), options: options)
    #expect(ordinary.consensus.k == 2)
    #expect(!PreparedData(Self.groups(scale: 1e-100)).squaresUnderflow)
  }

  @Test("1e-320 in a file reads as the subnormal number it is")
  func parsesSubnormal() throws {
    let loaded = try DataLoader.load(data: .init("x\n1e-320\n-4e-324\n".utf8), path: "t.csv")
    #expect(loaded.dataset.values == [1e-320, -4e-324])
  }
}
