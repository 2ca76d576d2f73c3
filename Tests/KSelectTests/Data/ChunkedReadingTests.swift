import Foundation
import Testing

@testable import KSelect

/// What loading gives, in a comparable form: the data and row bookkeeping, or the error's message.
private func outcome(_ text: String, _ options: LoadOptions, chunkBytes: Int, threads: Int) -> String {
  do {
    let loaded = try DataLoader.load(
      data: Data(text.utf8), path: "t.csv", options: options, chunkBytes: chunkBytes,
      parallelism: Parallelism(threads: threads))
    let values = loaded.dataset.values.map { String($0.bitPattern, radix: 16) }
    return "values \(values) names \(loaded.dataset.featureNames) rows \(loaded.sourceRows) ids \(loaded.ids ?? []) "
      + "dropped \(loaded.droppedRows) excluded \(loaded.excludedColumns)"
  } catch {
    return "error \(error)"
  }
}

@Suite("DataLoader: parallel chunks give what one pass gives")
struct ChunkedReadingTests {
  /// Inputs with quoted line breaks, every line end, blank lines, and errors on late lines.
  static let texts: [(String, LoadOptions)] = [
    ("id,x,y\n\"a\nb\",1,2\n\"c\"\"\nd\",3,4\n\r\ne,5,6\r\n\"f,\r\ng\",7,8\rh,9,10\n", LoadOptions(idColumn: "id")),
    ("x,y\n1,2\n3,4\n5,6\n7,8\n9,10\n11,12\n13,14\n15,16\n17,18\n19,oops\n21,22\n", LoadOptions()),
    ("x,y\n1,2\n3,4\n5,6\n7,8\n9,10\n11\n13,14\n", LoadOptions()),
    ("x,y\n1,2\n3,4\n5,6\n\"7\n8\n9,10\n11,12\n", LoadOptions()),
    ("x,y\n1,2\n3,4\n5,6\n\"7\"z,8\n9,10\n", LoadOptions()),
    ("x,y\n1,2\n3,\n5,6\n7,x\n9,10\n,12\n", LoadOptions(dropIncomplete: true)),
    ("x,y\n1,2\n3,\n5,6\n7,x\n9,10\n,12\n", LoadOptions()),
    ("x,t,y\n1,\"long\n\n\n\ntext, with\nbreaks\",2\n3,b,4\n5,\"c\n\",6\n7,d,8\n", LoadOptions()),
    ("name,x\n\"\n1,2\n3,4\n5,6\n\",7\n8,9\n10,11\n", LoadOptions(idColumn: "name")),
    ("x\n\n\n1\n\n2\n  \n3\n\n", LoadOptions()),
    ("x,y\r1,2\r3,4\r5,6\r7,no\r", LoadOptions()),
    ("a,b,c\n1,2,3\n4,5,6\n7,8,9\n10,11,12\n13,14,15\n", LoadOptions(columns: ["c", "a"])),
  ]

  @Test("every chunk size and thread count agree with one pass", arguments: texts.indices)
  func agree(_ index: Int) {
    let (text, options) = Self.texts[index]
    let single = outcome(text, options, chunkBytes: 1 << 20, threads: 1)
    for chunkBytes in [1, 2, 3, 4, 5, 7, 8, 11, 16, 23, 64] {
      for threads in [1, 2, 3] {
        #expect(
          outcome(text, options, chunkBytes: chunkBytes, threads: threads) == single,
          "chunks of \(chunkBytes) bytes, \(threads) threads")
      }
    }
  }

  @Test("errors name the line and column wherever the cut falls")
  func errorLocations() {
    let rows = (1...40).map { "\($0),\($0 * 2)" }
    for bad in [2, 17, 39] {
      var lines = rows
      lines[bad] = "\(bad),\"open\n\(bad)"
      let text = "x,y\n" + lines.joined(separator: "\n") + "\n"
      for chunkBytes in [3, 10, 50] {
        let message = outcome(text, LoadOptions(), chunkBytes: chunkBytes, threads: 2)
        // Header line 1, then row r on line r + 1; the quote opens in column 2.
        #expect(message == "error t.csv:\(bad + 2):2: unterminated quoted field (a \" opened here is never closed)")
      }
      lines = rows
      lines[bad] = "\(bad),x\(bad)"
      let cellText = "x,y\n" + lines.joined(separator: "\n") + "\n"
      let expected = outcome(cellText, LoadOptions(), chunkBytes: 1 << 20, threads: 1)
      #expect(expected.hasPrefix("error t.csv:\(bad + 2):2:"))
      for chunkBytes in [3, 10, 50] {
        #expect(outcome(cellText, LoadOptions(), chunkBytes: chunkBytes, threads: 2) == expected)
      }
    }
  }

  @Test("generated data with quoted multi-line ids read the same in chunks")
  func generated() {
    var text = "id,x,y\n"
    for row in 0..<500 {
      let id = row % 7 == 0 ? "\"r\(row)\nline \"\"two\"\"\r\n\"" : "r\(row)"
      text += "\(id),\(Double(row) / 8),\(row % 3 == 0 ? "" : String(row))\n"
    }
    let options = LoadOptions(idColumn: "id", dropIncomplete: true)
    let single = outcome(text, options, chunkBytes: 1 << 20, threads: 1)
    #expect(single.hasPrefix("values"))
    for chunkBytes in [5, 64, 333, 1000] {
      #expect(outcome(text, options, chunkBytes: chunkBytes, threads: 2) == single)
    }
  }

  @Test("chunks are cut just after a line feed")
  func cuts() {
    let bytes = Array("ab\ncd\r\nef\rgh\n".utf8)
    bytes.withUnsafeBufferPointer { buffer in
      let chunks = ChunkedReader.chunks(of: buffer, from: 0, size: 2)
      #expect(chunks == [0..<3, 3..<7, 7..<13])
      #expect(ChunkedReader.chunks(of: buffer, from: 3, size: 100) == [3..<13])
    }
  }
}
