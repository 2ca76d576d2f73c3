import Testing

@testable import KSelect

@Suite("Criteria: Kneedle")
struct KneedleTests {
  @Test("hand example: the knee and the difference curve")
  func handExample() throws {
    // x = 1…5, y = 10, 4, 2, 1, 0.  x_n = 0, .25, .5, .75, 1; y_n = y / 10, flipped: 0, .6, .8, .9, 1;
    // D = 0, .35, .3, .15, 0. Local maxima (≥ both neighbours): index 1 only. Minima: 0 and 4.
    // mean Δx_n = .25, so at index 1 the threshold is .35 − .25 = .10; walking on, D[2] = .3 and
    // D[3] = .15 stay above it, D[4] = 0 falls below → knee at x[1] = 2.
    // With S = 2 the threshold is −.15 and D never falls below it → no knee.
    let x: [Double] = [1, 2, 3, 4, 5]
    let y: [Double] = [10, 4, 2, 1, 0]
    let curve = try #require(Kneedle.differenceCurve(x: x, y: y))
    let expected = [0, 0.35, 0.3, 0.15, 0]
    for (value, want) in zip(curve.difference, expected) { #expect(abs(value - want) < 1e-15) }
    #expect(Kneedle.knee(x: x, y: y) == 2)
    #expect(Kneedle.knee(x: x, y: y, sensitivity: 2) == nil)
  }

  @Test("degenerate inputs give no knee")
  func degenerate() {
    #expect(Kneedle.knee(x: [], y: []) == nil)
    #expect(Kneedle.knee(x: [1], y: [3]) == nil)
    #expect(Kneedle.knee(x: [1, 2, 3], y: [2, 2, 2]) == nil)
  }

  @Test(
    "kneed 0.9.0 on recorded curves: identical knees",
    arguments: ["criteria_kneed.csv", "criteria_kneed_random.csv"])
  func againstKneed(fixture: String) throws {
    let rows = try Fixture.rows(fixture)
    #expect(rows.count >= 10)
    #expect(rows.contains { $0["knee"] == "" }, "the fixture includes a curve without a knee")
    for row in rows {
      let x = try Fixture.numbers(row["x"])
      let y = try Fixture.numbers(row["y"])
      let sensitivity = try #require(try Fixture.number(row["S"]))
      let expected = try Fixture.number(row["knee"])
      #expect(Kneedle.knee(x: x, y: y, sensitivity: sensitivity) == expected, "\(row["name"]!)")
    }
  }
}
