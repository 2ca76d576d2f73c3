import Foundation
import Testing

@testable import KSelect

/// Loads `text` as the file `t.csv`.
private func load(_ text: String, _ options: LoadOptions = LoadOptions()) throws -> LoadedData {
  try DataLoader.load(data: Data(text.utf8), path: "t.csv", options: options)
}

/// Loads raw bytes as the file `t.csv`.
private func load(bytes: [UInt8], _ options: LoadOptions = LoadOptions()) throws -> LoadedData {
  try DataLoader.load(data: Data(bytes), path: "t.csv", options: options)
}

/// The error loading `text` throws, or `nil` when it loads.
private func loadError(_ text: String, _ options: LoadOptions = LoadOptions()) -> KSelectError? {
  do {
    _ = try load(text, options)
    return nil
  } catch let error as KSelectError {
    return error
  } catch {
    Issue.record("unexpected error type \(error)")
    return nil
  }
}

/// The `path:line:column` of a bad-data or bad-cell error.
private func location(_ error: KSelectError?) -> String? {
  switch error {
  case .badData(let location, _)?, .badCell(let location, _)?: return location.description
  default: return nil
  }
}

@Suite("DataLoader: formats")
struct DataLoaderFormatTests {
  @Test("header row, comma, semicolon and tab give the same data", arguments: [",", ";", "\t"])
  func delimiters(_ separator: String) throws {
    let text =
      ["a", "b"].joined(separator: separator) + "\n"
      + ["1", "2.5"].joined(separator: separator) + "\n" + ["-3", "4e2"].joined(separator: separator) + "\n"
    let loaded = try load(text)
    #expect(loaded.dataset.featureNames == ["a", "b"])
    #expect(loaded.dataset.values == [1, 2.5, -3, 400])
    #expect(loaded.sourceRows == [1, 2])
    #expect(loaded.droppedRows.isEmpty && loaded.excludedColumns.isEmpty)
  }

  @Test("an explicit delimiter overrides detection")
  func explicitDelimiter() throws {
    // Detection would pick ';' (two of them); the caller says '|'.
    let loaded = try load("a|b;c;d\n1|z\n", LoadOptions(delimiter: "|"))
    #expect(loaded.dataset.featureNames == ["a"])
    #expect(loaded.excludedColumns == ["b;c;d"])
    #expect(loaded.dataset.values == [1])
  }

  @Test("quoted fields hold delimiters, doubled quotes and line breaks; lines count physical lines")
  func quotedFields() throws {
    let text = "id,x\n\"a,b\",1\n\"say \"\"hi\"\"\",2\n\"two\nlines\",3\nlast,oops\n"
    let loaded = try load(text.replacingOccurrences(of: "last,oops\n", with: ""), LoadOptions(idColumn: "id"))
    #expect(loaded.ids == ["a,b", "say \"hi\"", "two\nlines"])
    #expect(loaded.dataset.values == [1, 2, 3])
    // The record after the two-line field starts on line 6 (header 1, then 2, 3, 4–5).
    #expect(location(loadError(text, LoadOptions(idColumn: "id"))) == "t.csv:6:2")
  }

  @Test("CRLF and lone CR line ends", arguments: ["\r\n", "\r"])
  func lineEnds(_ end: String) throws {
    let loaded = try load(["x,y", "1,2", "3,4", ""].joined(separator: end))
    #expect(loaded.dataset.values == [1, 2, 3, 4])
    #expect(location(loadError(["x,y", "1,2", "3,no", "5,6", ""].joined(separator: end))) == "t.csv:3:2")
  }

  @Test("a UTF-8 byte-order mark is not part of the first column's name")
  func byteOrderMark() throws {
    let loaded = try load(bytes: [0xEF, 0xBB, 0xBF] + Array("x,y\n1,2\n".utf8))
    #expect(loaded.dataset.featureNames == ["x", "y"])
    #expect(
      try load(bytes: [0xEF, 0xBB, 0xBF] + Array("x,y\n1,2\n".utf8), LoadOptions(columns: ["x"])).dataset.values == [1])
  }

  @Test("blank lines are skipped but still counted")
  func blankLines() throws {
    #expect(try load("x\n\n1\n  \n2\n").dataset.values == [1, 2])
    #expect(location(loadError("x,y\n\n1,2\n\n3,z\n4,5\n")) == "t.csv:5:2")
  }

  @Test("an unterminated quote names the line where it opens")
  func unterminatedQuote() {
    #expect(location(loadError("x,y\n1,2\n3,\"4\n5,6\n")) == "t.csv:3:2")
  }

  @Test("a record over 16 MiB is refused, whether it is one field or only delimiters")
  func longRecord() throws {
    for filler in [UInt8(ascii: "1"), UInt8(ascii: ",")] {
      let bytes = Array("x\n".utf8) + [UInt8](repeating: filler, count: CSVTokenizer.maximumRecordBytes + 10)
      do {
        _ = try load(bytes: bytes)
        Issue.record("a \(CSVTokenizer.maximumRecordBytes + 10)-byte record loaded")
      } catch let error as KSelectError {
        #expect(error.description.hasPrefix("t.csv:2: record longer than 16 MiB"))
      }
    }
  }
}

@Suite("DataLoader: columns")
struct DataLoaderColumnTests {
  private let text = "name,x,city,y\nann,1,oslo,2\nbob,3,rome,4\n"

  @Test("non-numeric columns are left out and named")
  func excluded() throws {
    let loaded = try load(text)
    #expect(loaded.dataset.featureNames == ["x", "y"])
    #expect(loaded.excludedColumns == ["name", "city"])
    #expect(loaded.ids == nil && loaded.idColumn == nil)
  }

  @Test("--columns selects and orders features; the rest are named as left out")
  func selected() throws {
    let loaded = try load(text, LoadOptions(columns: ["y", "x"]))
    #expect(loaded.dataset.featureNames == ["y", "x"])
    #expect(loaded.dataset.values == [2, 1, 4, 3])
    #expect(loaded.excludedColumns == ["name", "city"])
  }

  @Test("excludedColumns leaves numeric columns out, each left-out column with its reason")
  func excludedOnRequest() throws {
    let loaded = try load(text, LoadOptions(idColumn: "name", excludedColumns: ["y"]))
    #expect(loaded.dataset.featureNames == ["x"])
    #expect(loaded.dataset.values == [1, 3])
    #expect(
      loaded.exclusions == [
        ExcludedColumn(name: "city", reason: .notNumeric), ExcludedColumn(name: "y", reason: .excluded),
      ])
    #expect(loaded.exclusionGroups.map(\.names) == [["y"], ["city"]])
    let selected = try load(text, LoadOptions(columns: ["x"], excludedColumns: ["name"]))
    #expect(selected.dataset.featureNames == ["x"])
    #expect(selected.exclusions.map(\.reason) == [.excluded, .notSelected, .notSelected])
    // A bad cell in an excluded column is never read as a feature.
    let bad = try load("x,class\n1,inf\n2,3\n", LoadOptions(excludedColumns: ["class"]))
    #expect(bad.dataset.values == [1, 2])
  }

  @Test("excludedColumns: unknown names, the id column, a column also selected and doubles are refused")
  func excludedRefusals() {
    let refusals: [(LoadOptions, ParameterConstraint)] = [
      (LoadOptions(excludedColumns: ["z"]), .namesColumn(path: "t.csv", columns: ["name", "x", "city", "y"])),
      (LoadOptions(idColumn: "name", excludedColumns: ["name"]), .notTheIdColumn),
      (LoadOptions(columns: ["x", "y"], excludedColumns: ["y"]), .notAlso(.columns)),
      (LoadOptions(excludedColumns: ["y", "y"]), .namesEachColumnOnce),
    ]
    for (options, constraint) in refusals {
      guard case .invalidParameter(let error) = loadError(text, options) else {
        Issue.record("\(options) was not refused")
        continue
      }
      #expect(error.parameter == .excludedColumns && error.constraint == constraint)
    }
    guard case .unusableData = loadError(text, LoadOptions(excludedColumns: ["x", "y"])) else {
      Issue.record("excluding every numeric column was not refused")
      return
    }
  }

  @Test("--id-column carries ids for kept rows and is never a feature")
  func idColumn() throws {
    let loaded = try load("id,x\n7,1\n8,\n9,3\n", LoadOptions(idColumn: "id", dropIncomplete: true))
    #expect(loaded.idColumn == "id")
    #expect(loaded.ids == ["7", "9"])
    #expect(loaded.sourceRows == [1, 3])
    #expect(loaded.dataset.featureNames == ["x"])
  }

  @Test("bad column options are usage errors naming the columns")
  func badOptions() {
    #expect(
      loadError(text, LoadOptions(columns: ["nope"]))?.description.contains("its columns are: name, x, city, y") == true
    )
    let columns = ["name", "x", "city", "y"]
    #expect(
      loadError(text, LoadOptions(idColumn: "nope"))
        == .invalidParameter(
          ParameterError(.idColumn, .namesColumn(path: "t.csv", columns: columns), got: .text("nope"))))
    #expect(
      loadError(text, LoadOptions(columns: ["nope"]))
        == .invalidParameter(
          ParameterError(.columns, .namesColumn(path: "t.csv", columns: columns), got: .text("nope"))))
    #expect(
      loadError(text, LoadOptions(columns: ["name"], idColumn: "name"))
        == .invalidParameter(ParameterError(.columns, .notTheIdColumn, got: .text("name"))))
    #expect(
      loadError(text, LoadOptions(columns: ["x", "x"]))
        == .invalidParameter(ParameterError(.columns, .namesEachColumnOnce, got: .text("x"))))
    #expect(
      loadError(text, LoadOptions(columns: []))
        == .invalidParameter(ParameterError(.columns, .namesSomeColumn, got: .text(""))))
  }

  @Test("a selected text column fails on its first cell")
  func selectedTextColumn() {
    #expect(location(loadError(text, LoadOptions(columns: ["x", "city"]))) == "t.csv:2:3")
  }

  @Test("header problems name line 1 and the column")
  func headerProblems() {
    #expect(location(loadError("x,y,x\n1,2,3\n")) == "t.csv:1:3")
    #expect(location(loadError("x,,y\n1,2,3\n")) == "t.csv:1:2")
  }
}

@Suite("DataLoader: values and errors")
struct DataLoaderValueTests {
  @Test(
    "a bad cell names file, line and column",
    arguments: [
      ("x,y\n1,2\n3,abc\n5,6\n", "t.csv:3:2", CellProblem(.notANumber, column: "y", text: "abc")),
      ("x,y\n1,2\n3,\n4,5\n", "t.csv:3:2", CellProblem(.missing, column: "y", text: "")),
      ("x,y\n1,NaN\n3,4\n", "t.csv:2:2", CellProblem(.nonFinite, column: "y", text: "NaN")),
      ("x,y\n1,2\ninf,4\n", "t.csv:3:1", CellProblem(.nonFinite, column: "x", text: "inf")),
      ("x,y\n1,2\n3,-Infinity\n", "t.csv:3:2", CellProblem(.nonFinite, column: "y", text: "-Infinity")),
      ("x,y\n1,2\n3,1e999\n", "t.csv:3:2", CellProblem(.outOfRange, column: "y", text: "1e999")),
      ("x,y\n1,2\n-1e200,4\n", "t.csv:3:1", CellProblem(.tooLarge, column: "x", text: "-1e200")),
    ])
  func badCell(_ text: String, _ place: String, _ problem: CellProblem) {
    let error = loadError(text)
    #expect(location(error) == place)
    guard case .badCell(_, let found)? = error else {
      Issue.record("not a bad cell: \(String(describing: error))")
      return
    }
    #expect(found == problem)
  }

  @Test("a bad cell's message names the parameter that drops such rows")
  func badCellMessage() {
    let problem = CellProblem(.missing, column: "y", text: "")
    #expect(problem.description == "missing value in feature column 'y' (use drop_incomplete to drop such rows)")
    #expect(
      problem.message(naming: ParameterNaming { "<\($0.rawValue)>" })
        == "missing value in feature column 'y' (use <drop_incomplete> to drop such rows)")
  }

  @Test("the first bad cell in reading order is reported, whatever its column")
  func firstInReadingOrder() {
    // Row 2 has a bad y, row 3 a bad x: line 3's x comes after line 2's y.
    #expect(location(loadError("x,y\n1,2\n3,bad\nbad,6\n7,8\n9,10\n")) == "t.csv:3:2")
  }

  @Test("--drop-incomplete drops and counts incomplete rows")
  func dropIncomplete() throws {
    let loaded = try load("x,y\n1,2\n,4\n5,NaN\n7,8\n9,x\n", LoadOptions(dropIncomplete: true))
    #expect(loaded.dataset.values == [1, 2, 7, 8])
    #expect(loaded.sourceRows == [1, 4])
    #expect(loaded.droppedRows == [2, 3, 5])
  }

  @Test("values accepted as strtod reads them, with spaces trimmed")
  func acceptedForms() throws {
    let loaded = try load("x\n 1 \n0x10\n-2.5e-3\n+7\n1e-300\n1e100\n")
    #expect(loaded.dataset.values == [1, 16, -0.0025, 7, 1e-300, 1e100])
  }

  @Test(
    "whole-file problems",
    arguments: [
      ("", "the file is empty (expected a header row)"),
      ("\n\n  \n", "the file is empty (expected a header row)"),
      ("x,y\n", "the file has a header but no data rows"),
      ("name,city\nann,oslo\n", "no numeric column found (columns: name, city)"),
    ])
  func wholeFile(_ text: String, _ message: String) {
    #expect(loadError(text) == .unusableData(path: "t.csv", message: message))
  }

  @Test("--drop-incomplete dropping every row is an error")
  func dropEverything() {
    #expect(
      loadError("x,y\n1,\n,2\n", LoadOptions(dropIncomplete: true))
        == .unusableData(
          path: "t.csv", message: "every row has a missing or non-numeric feature value; no row is left"))
  }

  @Test("ragged rows name the first missing or extra field")
  func raggedRows() {
    #expect(location(loadError("x,y\n1,2\n3\n")) == "t.csv:3:2")
    #expect(location(loadError("x,y\n1,2\n3,4,5\n")) == "t.csv:3:3")
  }

  @Test("a missing file and a directory are unreadable input")
  func unreadable() throws {
    #expect(throws: KSelectError.unreadableInput(path: "/nonexistent/t.csv", reason: "no such file")) {
      try DataLoader.load(path: "/nonexistent/t.csv")
    }
    let folder = FileManager.default.temporaryDirectory.path
    #expect(throws: KSelectError.unreadableInput(path: folder, reason: "it is a directory, not a file")) {
      try DataLoader.load(path: folder)
    }
  }

  @Test("k larger than the number of distinct points is refused")
  func tooFewDistinctPoints() throws {
    let loaded = try load("x,y\n1,1\n1,1\n2,2\n")
    #expect(throws: KSelectError.self) {
      try KMeans.fit(loaded.dataset, clusterCount: 3, options: KMeansOptions(parallelism: .serial))
    }
    #expect(try KMeans.fit(loaded.dataset, clusterCount: 2, options: KMeansOptions(parallelism: .serial)).wcss == 0)
  }
}
