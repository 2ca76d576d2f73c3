import Foundation
import Testing

@testable import KSelect

@Suite("memory estimate")
struct MemoryEstimateTests {
  static let huge = Int.max

  static func options(kMax: Int = 10, restarts: Int = 10, references: Int = 20, threads: Int = 2) -> SweepOptions {
    SweepOptions(
      kMax: kMax, fit: KMeansOptions(restarts: restarts, parallelism: Parallelism(threads: threads)),
      references: references)
  }

  @Test("2⁶³ − 1 of any count saturates instead of trapping")
  func saturates() {
    let survey = InputSurvey(byteCount: 1 << 20, rowBound: 1_000, headerFieldCount: 4, featureBound: 4)
    for options in [
      Self.options(kMax: Self.huge), Self.options(restarts: Self.huge), Self.options(references: Self.huge),
      Self.options(threads: Self.huge),
    ] {
      let estimate = MemoryEstimate.sweepCommand(survey, scaling: .none, options: options, includesEveryK: true)
      #expect(estimate.bytes > 0)
      #expect(MemoryEstimate.sweep(rowCount: Self.huge, columnCount: Self.huge, options: options) == Int.max)
    }
    let giant = InputSurvey(byteCount: Self.huge, rowBound: Self.huge, headerFieldCount: Self.huge, featureBound: 3)
    #expect(MemoryEstimate.loading(giant).bytes == Int.max)
    let fit = KMeansOptions(restarts: Self.huge, parallelism: Parallelism(threads: Self.huge))
    #expect(
      MemoryEstimate.clusterCommand(giant, scaling: .zscore, clusterCount: Self.huge, options: fit).bytes == Int.max)
  }

  @Test("k_max above n counts as n: 10⁹ on 9 points needs what 9 does")
  func kMaxLoweredToRows() {
    let asked = MemoryEstimate.sweep(rowCount: 9, columnCount: 2, options: Self.options(kMax: 1_000_000_000))
    let nine = MemoryEstimate.sweep(rowCount: 9, columnCount: 2, options: Self.options(kMax: 9))
    #expect(asked == nine)
    #expect(asked < 1 << 20)
  }

  @Test(
    "more rows, features, k, restarts, references or threads never need less; more data need more",
    arguments: [1, 2, 3, 4, 5, 6])
  func monotone(_ which: Int) {
    func bytes(_ n: Int, _ d: Int, _ kMax: Int, _ restarts: Int, _ references: Int, _ threads: Int) -> Int {
      let survey = InputSurvey(byteCount: 20 * n * d, rowBound: n, headerFieldCount: d, featureBound: d)
      return MemoryEstimate.sweepCommand(
        survey, scaling: .none,
        options: Self.options(kMax: kMax, restarts: restarts, references: references, threads: threads),
        includesEveryK: false
      ).bytes
    }
    var base = [5_000, 40, 8, 10, 20, 2]
    let before = bytes(base[0], base[1], base[2], base[3], base[4], base[5])
    base[which - 1] *= 4
    #expect(bytes(base[0], base[1], base[2], base[3], base[4], base[5]) >= before)
    if which <= 2 { #expect(bytes(base[0], base[1], base[2], base[3], base[4], base[5]) > before) }
  }

  @Test("k_max and k above the counted distinct rows count as them")
  func kBoundedByDistinctRows() {
    var survey = InputSurvey(byteCount: 4_000, rowBound: 1_000, headerFieldCount: 2, featureBound: 2)
    survey.distinctRowBound = 2
    let asked = MemoryEstimate.sweepCommand(
      survey, scaling: .none, options: Self.options(kMax: 1_000_000_000), includesEveryK: false)
    let two = MemoryEstimate.sweepCommand(survey, scaling: .none, options: Self.options(kMax: 2), includesEveryK: false)
    #expect(asked == two)
    let fit = { (k: Int) in
      MemoryEstimate.clusterCommand(
        survey, scaling: .none, clusterCount: k, options: KMeansOptions(parallelism: Parallelism(threads: 2)))
    }
    #expect(fit(1_000).bytes == fit(2).bytes)
  }

  /// 1,000 rows of 2 distinct points: k_max = 1,000 would need far more than 64 MiB (the exact
  /// silhouettes of 999 labellings), k_max = 2 far less.
  @Test("a sweep over its limit at k_max = n runs when the distinct points fit")
  func sweepLowersToDistinctRowsBeforeRefusing() throws {
    let rows = (0..<1_000).map { i -> [Double] in i % 2 == 0 ? [0, 1] : [1, 0] }
    var options = Self.options(kMax: 1_000_000_000, restarts: 2, references: 2)
    options.memoryLimit = 64 << 20
    #expect(MemoryEstimate.sweep(rowCount: 1_000, columnCount: 2, options: Self.options(kMax: 1_000)) > 64 << 20)
    let result = try Sweep.run(Dataset(rows: rows), options: options)
    #expect(result.ks == [1, 2])
    #expect(result.notes.contains("k_max lowered from 1000000000 to 2, the number of distinct points"))
    // Many distinct points: still refused, with the estimate.
    let spread = (0..<1_000).map { i -> [Double] in [Double(i), Double(i % 7)] }
    #expect(throws: KSelectError.self) { try Sweep.run(Dataset(rows: spread), options: options) }
  }

  @Test("distinct rows are counted exactly, 0 and −0 alike, in any order")
  func distinctRows() {
    #expect(Dataset(rows: [[1, 2]]).distinctRowCount() == 1)
    #expect(Dataset(rows: [[3, 1], [3, 1], [3, 1]]).distinctRowCount() == 1)
    #expect(Dataset(rows: [[0, 1], [-0.0, 1], [1, 0], [0, 1]]).distinctRowCount() == 2)
    let rows = (0..<500).map { i -> [Double] in [Double((i * 37) % 11), Double(i % 3), 0.5] }
    #expect(Dataset(rows: rows).distinctRowCount() == Set(rows).count)
  }

  @Test("the refusal holds the estimate in bytes, the largest part and the parameters to change")
  func refusal() {
    let survey = InputSurvey(byteCount: 1 << 20, rowBound: 6, headerFieldCount: 20_000, featureBound: 20_000)
    let estimate = MemoryEstimate.sweepCommand(survey, scaling: .none, options: Self.options(), includesEveryK: false)
    #expect(throws: KSelectError.self) { try estimate.check(limit: 64 << 20) }
    do {
      try estimate.check(limit: 64 << 20)
    } catch KSelectError.insufficientMemory(.refused(let refusal)) {
      #expect(refusal.estimate == estimate.bytes)
      #expect(refusal.limit == 64 << 20)
      #expect(refusal.largest == estimate.largest)
      #expect(refusal.parameters.last == .memoryLimit)
      #expect(refusal.parameters.dropLast() == estimate.largest.remedies.flatMap(\.parameters))
      let text = refusal.message(naming: .library)
      #expect(text.contains("the sweep would need about"))
      #expect(text.contains("(\(estimate.bytes) bytes; up to 6 rows × 20000 features, k = 1…6"))
      #expect(text.contains("the largest part is \(estimate.largest.name)"))
      #expect(text.hasSuffix("or raise memory_limit"))
    } catch {
      Issue.record("not a memory refusal: \(error)")
    }
    #expect(throws: Never.self) { try estimate.check(limit: estimate.bytes) }
  }

  @Test("the d × d matrices are gone: 6 rows of 20,000 features need well under 1 GiB")
  func wideData() {
    let survey = InputSurvey(byteCount: 800_000, rowBound: 6, headerFieldCount: 20_000, featureBound: 20_000)
    let estimate = MemoryEstimate.sweepCommand(survey, scaling: .none, options: Self.options(), includesEveryK: false)
    #expect(estimate.bytes < 512 << 20)
    #expect(MemoryEstimate.principalComponents(n: 6, d: 20_000).value < 4 << 20)
  }

  @Test("a survey bounds the rows by the line ends and the features by the header")
  func survey() throws {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("kselect-survey-\(UUID()).csv")
    defer { try? FileManager.default.removeItem(at: scratch) }
    try Data("id,x,y\r\na,1,2\rb,3,4\nc,5,6".utf8).write(to: scratch)
    let file = try InputFile(path: scratch.path)
    #expect(!file.isStream)
    let plain = DataLoader.survey(file)
    #expect(plain.rowBound == 3 && plain.headerFieldCount == 3 && plain.featureBound == 3 && !plain.hasIdColumn)
    let withId = DataLoader.survey(file, options: LoadOptions(idColumn: "id"))
    #expect(withId.featureBound == 2 && withId.hasIdColumn)
    #expect(DataLoader.survey(file, options: LoadOptions(columns: ["x"])).featureBound == 1)
    let loaded = try DataLoader.load(file, options: LoadOptions(idColumn: "id"))
    #expect(InputSurvey(loaded: loaded).rowBound == 3 && InputSurvey(loaded: loaded).featureBound == 2)
  }
}
