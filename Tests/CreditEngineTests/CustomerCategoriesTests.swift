import CreditData
import Testing

@testable import CreditEngine

@Suite("Regions and industries of rows from the customers' values made once")
struct CustomerCategoriesTests {
  /// The sample without its region and industry columns (so the customers file's values are
  /// read), one customer left out of the customers file and another without a region.
  static func fromCustomersFile() -> Portfolio {
    var p = SampleData.portfolio
    p.history.region = nil
    p.history.industry = nil
    p.customers[3] = nil
    p.customers[5]?.region = nil
    return p
  }

  @Test(arguments: [false, true])
  func sameAsMadeForEachSetOfRows(historyColumns: Bool) {
    let p = historyColumns ? SampleData.portfolio : Self.fromCustomersFile()
    let categories = p.customerCategories()
    #expect((categories.regions == nil) == historyColumns)
    #expect((categories.industries == nil) == historyColumns)
    let h = p.history
    let sets = [
      Array(0..<h.count), Array(stride(from: h.count - 1, through: 0, by: -7)), [], [4],
      (0..<h.count).filter { Int(h.customerIndex[$0]) == 3 || Int(h.customerIndex[$0]) == 5 },
    ]
    for rows in sets {
      let regions = p.regions(rows: rows, categories)
      let industries = p.industries(rows: rows, categories)
      #expect(regions == p.regions(rows: rows))
      #expect(industries == p.industries(rows: rows))
      #expect(regions.count == rows.count)
      for (i, k) in rows.enumerated() {
        #expect(regions[i] == p.region(k))
        #expect(industries[i] == p.industry(k))
      }
    }
  }

  @Test func customersWithoutValuesReadEmpty() {
    let p = Self.fromCustomersFile()
    let h = p.history
    let rows = (0..<h.count).filter {
      Int(h.customerIndex[$0]) == 3 || Int(h.customerIndex[$0]) == 5
    }
    #expect(!rows.isEmpty)
    let regions = p.regions(rows: rows, p.customerCategories())
    #expect(rows.indices.allSatisfy { regions[$0] == "" })
    #expect(regions.levels.contains(""))
  }
}
