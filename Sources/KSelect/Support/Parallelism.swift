import Dispatch
import Foundation

/// How many threads the library may use, and the one way it runs work on them.
///
/// Work is always cut into the same chunks whatever the thread count, and every chunk writes
/// only its own output slot, so results never depend on how many threads ran them.
public struct Parallelism: Sendable, Equatable {
  /// The number of worker threads (at least 1).
  public let threads: Int

  /// Uses `threads` threads (clamped to at least 1).
  public init(threads: Int) { self.threads = max(1, threads) }

  /// One thread: everything runs on the caller's thread.
  public static let serial = Parallelism(threads: 1)

  /// As many threads as the machine has active cores.
  public static var allCores: Parallelism { Parallelism(threads: activeProcessorCount()) }

  /// Runs `body(chunk)` for every chunk in `0..<chunkCount`, spread over the threads.
  /// `body` must only write state owned by its chunk.
  public func forEach(_ chunkCount: Int, _ body: @Sendable (Int) -> Void) {
    guard chunkCount > 0 else { return }
    let workers = min(threads, chunkCount)
    if workers == 1 {
      for chunk in 0..<chunkCount { body(chunk) }
      return
    }
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
      var chunk = worker
      while chunk < chunkCount {
        body(chunk)
        chunk += workers
      }
    }
  }

  /// Computes `body(index)` for every index and returns the results in index order.
  public func map<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
    let slots = ResultSlots<T>(count: count)
    forEach(count) { index in slots.store(body(index), at: index) }
    return slots.values()
  }

  /// Like `map`, but rethrows the error of the lowest index that failed.
  public func tryMap<T: Sendable>(_ count: Int, _ body: @Sendable (Int) throws -> T) throws -> [T] {
    let results = map(count) { index in Result { try body(index) } }
    return try results.map { try $0.get() }
  }
}

/// Disjoint per-index output slots written from parallel chunks: each index is written by
/// exactly one chunk, which is why sharing the buffer across threads is safe.
final class ResultSlots<T>: @unchecked Sendable {
  private let storage: UnsafeMutablePointer<T?>
  private let count: Int

  init(count: Int) {
    self.count = count
    storage = .allocate(capacity: count)
    storage.initialize(repeating: nil, count: count)
  }

  deinit {
    storage.deinitialize(count: count)
    storage.deallocate()
  }

  func store(_ value: T, at index: Int) { storage[index] = value }

  /// The value stored at `index`, if any; read only by the chunk that writes that index.
  func stored(at index: Int) -> T? { storage[index] }

  func values() -> [T] { (0..<count).map { storage[$0]! } }
}

/// A raw pointer handed to parallel chunks that write disjoint ranges of it.
/// The caller guarantees that no two chunks touch the same element and that the buffer outlives
/// the parallel call; that is what makes the unchecked `Sendable` conformance sound.
struct DisjointWrites<T>: @unchecked Sendable {
  let base: UnsafeMutablePointer<T>
}

/// A raw pointer to data that nobody mutates while parallel chunks read it.
struct SharedReads<T>: @unchecked Sendable {
  let base: UnsafePointer<T>
}

/// The number of cores this process may run on.
func activeProcessorCount() -> Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }
