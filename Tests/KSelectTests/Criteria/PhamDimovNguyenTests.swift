import Testing

@testable import KSelect

@Suite("Criteria: f(K) of Pham, Dimov & Nguyen")
struct PhamDimovNguyenTests {
  @Test("α_K by hand for d = 4")
  func alphaByHand() throws {
    // α_2 = 1 − 3/16 = 0.8125; α_3 = 0.8125 + 0.1875/6 = 0.84375;
    // α_4 = 0.84375 + 0.15625/6 = 0.869791666…
    #expect(PhamDimovNguyen.alpha(clusterCount: 1, dimension: 4) == nil)
    #expect(PhamDimovNguyen.alpha(clusterCount: 2, dimension: 4) == 0.8125)
    #expect(PhamDimovNguyen.alpha(clusterCount: 3, dimension: 4) == 0.84375)
    let alpha4 = try #require(PhamDimovNguyen.alpha(clusterCount: 4, dimension: 4))
    #expect(abs(alpha4 - (0.84375 + 0.15625 / 6)) < 1e-15)
    // d = 1: α_2 = 1/4.
    #expect(PhamDimovNguyen.alpha(clusterCount: 2, dimension: 1) == 0.25)
  }

  @Test("f(1) = 1, and f(K) = 1 when S_{K−1} = 0")
  func conventions() {
    #expect(PhamDimovNguyen.f(clusterCount: 1, wcss: 123, previousWCSS: nil, dimension: 3) == 1)
    #expect(PhamDimovNguyen.f(clusterCount: 4, wcss: 0, previousWCSS: 0, dimension: 3) == 1)
  }

  @Test("iris WCSS from Data/README: hand computation")
  func irisByHand() {
    // W_1..W_10 from /work/shared/data/README.md (scikit-learn, best of many runs), d = 4.
    let wcss = [
      681.3706, 152.34795, 78.851441, 57.228473, 46.446182, 39.039987, 34.298230, 30.015881,
      27.895495, 25.972596,
    ]
    // By hand: f(2) = 152.34795 / (0.8125 · 681.3706) = 152.34795 / 553.6136125 = 0.275188…
    //          f(3) = 78.851441 / (0.84375 · 152.34795) = 78.851441 / 128.5435828 = 0.613422…
    //          f(4) = 57.228473 / (0.8697917 · 78.851441) = 57.228473 / 68.5843263 = 0.834425…
    //          f(5) = 46.446182 / (0.8914931 · 57.228473) = 46.446182 / 51.0187863 = 0.910374…
    //          f(10) = 25.972596 / (0.9563935 · 27.895495) = 25.972596 / 26.6790699 = 0.973520…
    let expected: [Int: Double] = [
      1: 1, 2: 0.2751882297, 3: 0.6134218393, 4: 0.8344249495, 5: 0.9103741074, 10: 0.9735195457,
    ]
    var values = [Double]()
    for k in 1...10 {
      values.append(
        PhamDimovNguyen.f(
          clusterCount: k, wcss: wcss[k - 1], previousWCSS: k > 1 ? wcss[k - 2] : nil, dimension: 4))
    }
    for (k, value) in expected { #expect(abs(values[k - 1] - value) < 1e-9, "f(\(k))") }
    let verdict = PhamDimovNguyen.recommend(ks: Array(1...10), values: values)
    #expect(verdict.k == 2)
    #expect(verdict.clearStructure)
  }

  @Test("no f(K) below 0.85: the argmin is kept, with clearStructure false")
  func noClearStructure() {
    let verdict = PhamDimovNguyen.recommend(ks: [1, 2, 3, 4], values: [1, 0.95, 0.9, 0.97])
    #expect(verdict.k == 3)
    #expect(!verdict.clearStructure)
    #expect(verdict.reason.contains("no clear cluster structure"))
  }

  @Test("ties go to the first K; non-finite values are ignored; nothing finite gives nil")
  func ties() {
    #expect(PhamDimovNguyen.recommend(ks: [2, 3, 4], values: [0.5, 0.5, .nan]).k == 2)
    #expect(PhamDimovNguyen.recommend(ks: [2, 3], values: [.nan, .infinity]).k == nil)
    #expect(PhamDimovNguyen.recommend(ks: [], values: []).k == nil)
  }
}
