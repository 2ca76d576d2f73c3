// kselect-bench: the Swift side of Benchmarks/run. Each invocation times one task on a data
// file written by Benchmarks/compare.py (raw little-endian float64, row-major) and prints one
// JSON object on standard output; compare.py takes the medians and the ratios.
//
//   kselect-bench kernel     FILE N D --k K --repeats R [--portable]
//   kselect-bench fit        FILE N D --k K --repeats R [--algorithm A] [--refines] [--seed S]
//   kselect-bench silhouette FILE N D --k K --repeats R
//   kselect-bench load       CSVFILE N D --repeats R      (DataLoader on a CSV file, as kselect reads it)
//   kselect-bench seed       FILE N D --k K --repeats R [--seed S] [--portable]
import Foundation
import KSelect
import KSelectTestSupport

/// A usage error: the message and exit status 64.
func fail(_ message: String) -> Never {
  FileHandle.standardError.write(Data("kselect-bench: \(message)\n".utf8))
  exit(64)
}

/// Seconds since an arbitrary origin, from the monotonic clock.
func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

/// The peak resident set of this program (VmHWM) in MiB. Unlike `ru_maxrss`, which a child
/// inherits from the process that forked it, VmHWM belongs to this program's own address space.
func peakMiB() -> Double {
  guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
    let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
    let kib = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) })
  else { return 0 }
  return kib / 1024
}

/// Resets the peak resident set to the current one (Linux ≥ 4.0), so that the next peak
/// measures only what follows.
func resetPeak() {
  try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
}

/// The current resident set, in MiB (from /proc/self/statm).
func currentMiB() -> Double {
  guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
    let pages = text.split(separator: " ").dropFirst().first.flatMap({ Double($0) })
  else { return 0 }
  return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count >= 4 else { fail("usage: kselect-bench kernel|fit|silhouette|seed|load FILE N D [options]") }
let task = arguments[0]
let path = arguments[1]
guard let n = Int(arguments[2]), let d = Int(arguments[3]) else { fail("N and D must be integers") }

/// The value of `--name`, if given.
func option(_ name: String) -> String? {
  guard let index = arguments.firstIndex(of: "--\(name)"), index + 1 < arguments.count else { return nil }
  return arguments[index + 1]
}
let k = Int(option("k") ?? "8") ?? 8
let repeats = max(1, Int(option("repeats") ?? "3") ?? 3)
let threads = Int(option("threads") ?? "") ?? Parallelism.allCores.threads
let parallelism = Parallelism(threads: threads)

/// The n × d float64 values of `path`, read straight into their buffer (no second copy of the
/// file stays alive: the fits' own allocations then come from memory this process already
/// used, as the Python side's do).
func readValues(_ path: String, count: Int) -> [Double] {
  guard let file = fopen(path, "rb") else { fail("cannot open \(path)") }
  defer { fclose(file) }
  var read = 0
  let values = [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
    read = fread(buffer.baseAddress, MemoryLayout<Double>.stride, count, file)
    initialized = read
  }
  guard read == count, fgetc(file) == EOF else { fail("\(path) must hold \(n) × \(d) float64 values") }
  return values
}

// `load`: the CSV reader alone, on the CSV file itself; the peak includes the file's pages.
if task == "load" {
  var times = [Double]()
  var shape = [0, 0]
  var checksum = 0.0
  for _ in 0..<repeats {
    let start = now()
    let loaded = try DataLoader.load(path: path)
    times.append(now() - start)
    shape = [loaded.dataset.rowCount, loaded.dataset.columnCount]
    checksum = loaded.dataset.values.reduce(0, +)
  }
  guard shape == [n, d] else { fail("\(path) holds \(shape[0]) × \(shape[1]) values, not \(n) × \(d)") }
  let peak = peakMiB()
  // What `--max-memory` checks for this phase: the loading estimate and the process's baseline.
  let survey = DataLoader.survey(try InputFile(path: path))
  let estimate = MemoryEstimate.loading(survey).bytes + MemoryEstimate.baselineBytes
  let record: [String: Any] = [
    "task": task, "n": n, "d": d, "threads": Parallelism.allCores.threads, "times": times, "checksum": checksum,
    "peak_mib": peak, "estimate_mib": Double(estimate) / 1_048_576,
  ]
  let json = try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])
  print(String(decoding: json, as: UTF8.self))
  exit(0)
}

let data = Dataset(rowCount: n, columnCount: d, values: readValues(path, count: n * d))

var result: [String: Any] = ["task": task, "n": n, "d": d, "k": k, "threads": threads]
switch task {
case "kernel":
  // Centre as PreparedData does, and take k data rows as centroids (compare.py does the same).
  let prepared = PreparedData(data)
  let step = max(1, n / k)
  var centroids = [Double]()
  for r in 0..<k { centroids += prepared.centred.row(r * step) }
  let portable = arguments.contains("--portable")
  var times = [Double]()
  var labels = [Int32]()
  _ = KernelBenchmark.assign(
    prepared.centred, centroids: centroids, clusterCount: k, parallelism: parallelism, portable: portable)
  for _ in 0..<repeats {
    let start = now()
    labels = KernelBenchmark.assign(
      prepared.centred, centroids: centroids, clusterCount: k, parallelism: parallelism, portable: portable)
    times.append(now() - start)
  }
  result["variant"] = portable ? "portable" : KernelBenchmark.variantName
  result["times"] = times
  result["checksum"] = labels.reduce(0) { $0 &+ Int($1) }
case "fit":
  let algorithm = KMeansAlgorithm(rawValue: option("algorithm") ?? "auto") ?? .auto
  let refines = arguments.contains("--refines")
  let seed = UInt64(option("seed") ?? "0") ?? 0
  var times = [Double]()
  var wcss = [Double]()
  var iterations = [Int]()
  for r in 0..<repeats {
    let options = KMeansOptions(
      restarts: 1, maxIterations: 300, tolerance: 1e-4, seeding: .kMeansPlusPlus,
      seed: seed &+ UInt64(r), parallelism: parallelism, refines: refines, algorithm: algorithm)
    let start = now()
    let fit = try KMeans.fit(data, clusterCount: k, options: options)
    times.append(now() - start)
    wcss.append(fit.wcss)
    iterations.append(fit.iterations)
  }
  result["algorithm"] = algorithm.resolved(rowCount: n, dimension: d, clusterCount: k).rawValue
  result["refines"] = refines
  result["times"] = times
  result["wcss"] = wcss
  result["iterations"] = iterations
case "seed":
  // k-means++ seeding alone; the checksum (a hash of the centres' bit patterns) shows whether
  // two builds choose the same centres.
  let prepared = PreparedData(data)
  let seed = UInt64(option("seed") ?? "0") ?? 0
  let portable = arguments.contains("--portable")
  var times = [Double]()
  var checksums = [String]()
  for r in 0..<repeats {
    let start = now()
    let centres = KernelBenchmark.seedCentres(
      prepared, clusterCount: k, seed: seed &+ UInt64(r), parallelism: parallelism, portable: portable)
    times.append(now() - start)
    let hash = centres.reduce(UInt64(14_695_981_039_346_656_037)) { ($0 ^ $1.bitPattern) &* 1_099_511_628_211 }
    checksums.append(String(hash, radix: 16))
  }
  result["variant"] = portable ? "portable" : KernelBenchmark.variantName
  result["times"] = times
  result["checksums"] = checksums
case "silhouette":
  guard let labelPath = option("labels"), let labelText = try? String(contentsOfFile: labelPath, encoding: .utf8) else {
    fail("silhouette needs --labels FILE (one label per line)")
  }
  let labels = labelText.split(separator: "\n").compactMap { Int($0) }
  guard labels.count == n else { fail("\(labelPath) must hold \(n) labels") }
  let clusters = (labels.max() ?? 0) + 1
  var times = [Double]()
  var score = 0.0
  resetPeak()
  let before = currentMiB()
  for _ in 0..<repeats {
    let start = now()
    score =
      Silhouette.mean(Silhouette.pointValues(data, labels: labels, clusterCount: clusters, parallelism: parallelism))
      ?? .nan
    times.append(now() - start)
  }
  result["times"] = times
  result["score"] = score
  result["baseline_mib"] = before
  result["peak_mib"] = peakMiB()
default:
  fail("unknown task \(task)")
}
result["variant"] = result["variant"] ?? KernelBenchmark.variantName
let json = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
print(String(decoding: json, as: UTF8.self))
