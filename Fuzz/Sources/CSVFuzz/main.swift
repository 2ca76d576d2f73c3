import CFuzzerDriver
import Foundation
import KSelect

/// libFuzzer's entry point: reads `size` bytes as a delimited text file with several option
/// sets and checks that the loader either throws a `KSelectError` or returns data that keeps
/// the loader's promises (finite values, one source row per kept row), which every scaling and
/// a small k-means fit then handle without a trap. Anything else is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard let bytes else { return 0 }
  let data = Data(bytes: bytes, count: size)
  // The first byte picks the options, so that the fuzzer can reach every path; the whole
  // input is still the file, so that a crash input replays as it is with `kselect cluster`.
  let selector = size > 0 ? bytes[0] : 0
  var options = LoadOptions(dropIncomplete: selector & 1 == 1)
  if selector & 2 == 2 { options.idColumn = "id" }
  if selector & 4 == 4 { options.columns = ["a", "b"] }
  if selector & 8 == 8 { options.delimiter = ";" }
  do {
    let loaded = try DataLoader.load(data: data, path: "fuzz.csv", options: options)
    let dataset = loaded.dataset
    precondition(dataset.values.count == dataset.rowCount * dataset.columnCount)
    precondition(dataset.values.allSatisfy(\.isFinite), "a non-finite value was loaded")
    precondition(loaded.sourceRows.count == dataset.rowCount)
    precondition(zip(loaded.sourceRows, loaded.sourceRows.dropFirst()).allSatisfy { $0 < $1 })
    precondition(Set(loaded.sourceRows).isDisjoint(with: loaded.droppedRows))
    if let ids = loaded.ids { precondition(ids.count == dataset.rowCount) }
    for scaling in Scaling.allCases {
      let input = ClusteringInput(loaded: loaded, scaling: scaling)
      precondition(
        input.scaled.values.allSatisfy(\.isFinite), "scaling \(scaling) produced a non-finite value")
      _ = input.notes()
      // A small fit on small inputs: whatever the loader accepts must cluster without a trap.
      guard dataset.rowCount <= 64, dataset.distinctRowCount() >= 2 else { continue }
      let options = KMeansOptions(restarts: 2, maxIterations: 20, seed: 1, parallelism: .serial)
      let result = try KMeans.fit(input.scaled, clusterCount: 2, options: options)
      precondition(result.wcss.isFinite && result.wcss >= 0, "WCSS \(result.wcss)")
      precondition(result.labels.allSatisfy { (0..<2).contains($0) })
      let widths = Silhouette.pointValues(
        input.scaled, labels: result.labels, clusterCount: 2, parallelism: .serial)
      precondition(widths?.allSatisfy { (-1.0...1.0).contains($0) } ?? false, "silhouette out of [-1, 1]")
    }
  } catch is KSelectError {
    // A clean refusal is the expected outcome for most inputs.
  } catch {
    preconditionFailure("unexpected error type: \(error)")
  }
  return 0
}

// The entry point: libFuzzer parses its own flags (-max_total_time=…, corpus folders) from argv.
var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzOneInput(data, size) })
