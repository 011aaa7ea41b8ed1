import CreditData
import CreditEngine
import Foundation
import Testing

@Suite("Policy and ladder files")
struct PolicyFileTests {
  @Test func partialPolicyKeepsDefaults() throws {
    let json = #"{"holdDaysPastDue": 45, "gradeLimitFactors": {"A": 4}}"#
    let policy = try JSONDecoder().decode(CreditPolicy.self, from: Data(json.utf8))
    #expect(policy.holdDaysPastDue == 45)
    // A factor not given keeps its default.
    #expect(policy.gradeLimitFactors == ["A": 4, "B": 2.5, "C": 2, "D": 1, "E": 0.5])
    #expect(policy.gradeBounds == CreditPolicy().gradeBounds)
    #expect(policy.maximumIncrease == CreditPolicy().maximumIncrease)
  }

  @Test func inconsistentGradesAreRejected() {
    let json = #"{"gradeBounds": [0.1, 0.05], "gradeNames": ["A", "B", "C"]}"#
    #expect(throws: PolicyError.self) {
      try JSONDecoder().decode(CreditPolicy.self, from: Data(json.utf8))
    }
  }

  @Test func gradesAndPointsFollowTheScale() {
    let p = CreditPolicy()
    #expect(p.grade(pd: 0.01) == "A")
    #expect(p.grade(pd: 0.02) == "B")
    #expect(p.grade(pd: 0.07) == "C")
    #expect(p.grade(pd: 0.15) == "D")
    #expect(p.grade(pd: 0.5) == "E")
    // 600 points at odds 50:1, 20 more per doubling of the odds.
    #expect(p.points(pd: 1.0 / 51) == 600)
    #expect(p.points(pd: 1.0 / 101) == 620)
    #expect(p.points(pd: 1.0 / 26) == 580)
  }

  @Test func customLadderIsUsed() throws {
    let json =
      #"{"steps": [{"action": "email", "daysFromDue": 1}, {"action": "lawyer", "daysFromDue": 30}]}"#
    let ladder = try JSONDecoder().decode(CollectionsLadder.self, from: Data(json.utf8))
    #expect(ladder.disputeAction == "dispute resolution")
    let due = Day(iso: "2025-01-31")!
    #expect(
      ladder.nextAction(dueDate: due, asOf: due.adding(days: 40), disputed: false).action
        == "lawyer")
    let unordered =
      #"{"steps": [{"action": "b", "daysFromDue": 9}, {"action": "a", "daysFromDue": 1}]}"#
    #expect(throws: PolicyError.self) {
      try JSONDecoder().decode(CollectionsLadder.self, from: Data(unordered.utf8))
    }
  }
}
