import Foundation
import Testing

@testable import KSelect

@Suite("the label column: kept as text, never a feature")
struct LabelColumnTests {
  static func load(_ text: String, _ options: LoadOptions) throws -> LoadedData {
    try DataLoader.load(data: Data(text.utf8), path: "l.csv", options: options)
  }

  @Test("a numeric label column is left out of the features and kept as text")
  func numericLabels() throws {
    var options = LoadOptions()
    options.labelColumn = "class"
    let loaded = try Self.load("x,class,y\n1,2,3\n4,10,6\n", options)
    #expect(loaded.dataset.featureNames == ["x", "y"])
    #expect(loaded.labels == ["2", "10"] && loaded.labelColumn == "class")
    #expect(loaded.excludedColumns.isEmpty)
  }

  @Test("rows dropped as incomplete lose their label too; the id column may be the label")
  func dropsAndIds() throws {
    var options = LoadOptions(idColumn: "name", dropIncomplete: true)
    options.labelColumn = "name"
    let loaded = try Self.load("name,x\na,1\nb,\nc,3\n", options)
    #expect(loaded.labels == ["a", "c"] && loaded.ids == ["a", "c"])
  }

  @Test("a missing label names its line and column")
  func missing() throws {
    var options = LoadOptions()
    options.labelColumn = "class"
    #expect {
      try Self.load("x,class\n1,a\n2,\n", options)
    } throws: { error in
      guard case KSelectError.badData(let location, let message)? = error as? KSelectError else { return false }
      return location.line == 3 && location.column == 2 && message.contains("missing label")
    }
  }

  @Test("naming the label column as a feature, or a column that is not there, is refused")
  func refused() throws {
    var options = LoadOptions(columns: ["x", "class"])
    options.labelColumn = "class"
    #expect(throws: KSelectError.self) { try Self.load("x,class\n1,a\n", options) }
    options = LoadOptions()
    options.labelColumn = "species"
    #expect(throws: KSelectError.self) { try Self.load("x,class\n1,a\n", options) }
  }
}
