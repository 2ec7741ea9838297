import Audience
import Experiments
import JSON
import Scenario
import SimCore

/// The optimiser's search, deterministic given the runs' results, within
/// the budget of replication-runs; every candidate runs replications 0, 1, …
/// of the same seed (common random numbers: comparisons are paired).
///
/// 1. **Start**: the base plan (where its values lie inside the decisions'
///    domains) and a Sobol design over the decisions' unit cube, each point a
///    plan; a plan that breaks a constraint or that the scenario refuses is
///    skipped without running. Each start plan runs 2 replications.
/// 2. **Successive halving**: the better half (feasible first, then by the
///    objective) goes on with twice the replications, while the next rung
///    fits in 60% of the budget and more than two plans remain.
/// 3. **Refine**: GSL's Nelder–Mead over the range decisions around the
///    leader (listed decisions fixed at the leader's), each point its plan's
///    mean over the first 4 replications; a point that breaks a constraint is
///    penalised without running. Restarts from the next leader while budget remains.
/// 4. **Finalists**: every plan with those first replications, ranked on them
///    (feasible first); the best, then the next best that differs from those
///    already in (a listed value, or 5% of a range), up to `finalists`.
struct OptimisationSearch {
    let definition: OptimisationDefinition
    let bank: RunBank

    /// Replications of a start plan.
    static let startReplications = 2
    /// Replications behind each refinement point and the finalists' ranking.
    static let refineReplications = 4
    /// How far apart (a share of a range) two finalists must be to count as distinct plans.
    static let distinctShare = 0.05

    /// One plan the search ran.
    struct Entry {
        let candidate: Candidate
        /// The phase that first ran it: `base` (the base plan), `start` or `refine`.
        let phase: String
        /// Replications run so far (0..<replications).
        var replications: Int
        var assessment: Assessment
    }

    struct Result {
        /// Every plan run, in the order first run.
        var entries: [Entry]
        /// Plans refused before running (constraints or the scenario's checks), with why.
        var refused: [(candidate: Candidate, reason: String)]
        /// The finalists (indices into `entries`), best first, ranked on the first ``refineReplications``.
        var finalists: [Int]
    }

    private final class State {
        var entries: [Entry] = []
        var index: [String: Int] = [:]
        var refused: [(candidate: Candidate, reason: String)] = []
        var checked: [String: String?] = [:]
    }

    /// Plans in the start design: max(d + 2, min(64, budget / 10)), within the budget.
    static func startCount(_ definition: OptimisationDefinition) -> Int {
        max(min(definition.decisions.count + 2, definition.budget / startReplications), min(64, definition.budget / (5 * startReplications)))
    }

    /// Why a plan may not run (a constraint it breaks, or the scenario's checks), nil when it may.
    static func refusal(_ values: [JSONValue], definition: OptimisationDefinition) -> String? {
        do {
            let scenario = try definition.scenario(values: values)
            for constraint in definition.constraints {
                let v = constraint.violation { path in
                    guard let p = FieldPath(path), case .number(let x)? = scenario.resolved.value(at: p.components[...]) else { return nil }
                    return x
                }
                if v > 0 { return "breaks \(constraint.text)" }
            }
            return nil
        } catch {
            return error.errors.first.map { "\($0.path): \($0.value), expected \($0.expected)" } ?? "refused by the scenario's checks"
        }
    }

    /// Throws when no plan of the start design may run: checked before any file is written.
    static func checkSomePlanMayRun(_ definition: OptimisationDefinition) throws(ExperimentError) {
        let d = definition.decisions.count
        var first: String?
        for point in SobolDesign.points(count: 16 * startCount(definition), dimension: d) {
            let values = zip(definition.decisions, point).map { $0.value(unit: $1) }
            guard let reason = refusal(values, definition: definition) else { return }
            if first == nil { first = reason }
        }
        throw noPlan(definition, firstRefusal: first)
    }

    static func noPlan(_ definition: OptimisationDefinition, firstRefusal: String?) -> ExperimentError {
        .badInput("\(definition.file): no plan spread over the decisions meets the constraints and the scenario's checks (the first refused: \(firstRefusal ?? "none")); expected constraints that plans inside the decisions' ranges can meet")
    }

    func run() throws -> Result {
        let state = State()
        let d = definition.decisions.count
        let budget = definition.budget

        /// Nil when the plan may run; else why not.
        func refusal(_ c: Candidate) -> String? {
            if let known = state.checked[c.key] { return known }
            let reason = Self.refusal(c.values, definition: definition)
            state.checked[c.key] = reason
            if let reason { state.refused.append((c, reason)) }
            return reason
        }
        /// Runs replications 0..<r of each plan (adding them where fewer ran; none
        /// where more did) and assesses it on all it ran; false when the budget would pass.
        func extend(_ indices: [Int], to r: Int) throws -> Bool {
            let requests = indices.map { i in (candidate: state.entries[i].candidate, indices: Array(0..<max(r, state.entries[i].replications))) }
            guard let runs = try bank.runs(requests, search: true) else { return false }
            for (i, kpis) in zip(indices, runs) {
                state.entries[i].replications = kpis.count
                state.entries[i].assessment = Assessment(kpis, definition: definition)
            }
            return true
        }
        func add(_ c: Candidate, phase: String) -> Int? {
            if let i = state.index[c.key] { return i }
            guard refusal(c) == nil else { return nil }
            state.entries.append(Entry(candidate: c, phase: phase, replications: 0, assessment: Assessment([], definition: definition)))
            state.index[c.key] = state.entries.count - 1
            return state.entries.count - 1
        }
        func candidate(_ units: [Double]) -> Candidate {
            Candidate(values: zip(definition.decisions, units).map { $0.value(unit: $1) }, paths: definition.paths)
        }

        // 1. Start.
        let r0 = Self.startReplications
        let startCount = Self.startCount(definition)
        var start: [Int] = []
        let baseValues = definition.decisions.map { decision in
            FieldPath(decision.path).flatMap { definition.base.resolved.value(at: $0.components[...]) } ?? .null
        }
        if zip(definition.decisions, baseValues).allSatisfy({ $0.unit(of: $1) != nil }),
           let i = add(Candidate(values: baseValues, paths: definition.paths), phase: "base") {
            start.append(i)
        }
        let design = SobolDesign.points(count: 16 * startCount, dimension: d)
        for point in design where start.count < startCount {
            if let i = add(candidate(point), phase: "start"), !start.contains(i) { start.append(i) }
        }
        guard !start.isEmpty else { throw Self.noPlan(definition, firstRefusal: state.refused.first?.reason) }
        _ = try extend(start, to: r0)

        func ranked(_ pool: [Int]) -> [Int] {
            pool.sorted { a, b in
                let (x, y) = (state.entries[a].assessment, state.entries[b].assessment)
                return Assessment.isBetter(x, y) || (!Assessment.isBetter(y, x) && a < b)
            }
        }

        // 2. Successive halving.
        var alive = start
        var r = r0
        let halvingBudget = budget * 3 / 5
        while alive.count > 2 {
            let next = Array(ranked(alive).prefix((alive.count + 1) / 2))
            guard bank.searchRuns + next.count * r <= halvingBudget, try extend(next, to: 2 * r) else { break }
            alive = next
            r *= 2
        }

        // 3. Refine the range decisions around the leaders.
        let rr = Self.refineReplications
        let ranges = definition.decisions.indices.filter { definition.decisions[$0].isRange }
        var leaders = ranked(alive)
        var tried = 0
        if !ranges.isEmpty {
            while tried < leaders.count, bank.remaining >= rr {
                let leader = state.entries[leaders[tried]]
                tried += 1
                let units = zip(definition.decisions, leader.candidate.values).map { $0.unit(of: $1) ?? 0.5 }
                let result = try NelderMead.minimize(start: ranges.map { units[$0] }, step: 0.15, tolerance: 0.01) { z in
                    var u = units
                    for (k, j) in ranges.enumerated() { u[j] = z[k] }
                    // Outside the cube: penalised by the distance, without running.
                    let outside = zip(ranges, z).reduce(0.0) { $0 + max(0, -$1.1) + max(0, $1.1 - 1) }
                    if outside > 0 { return 2e12 * (1 + outside) }
                    let c = candidate(u)
                    guard let i = add(c, phase: "refine") else { return 3e12 }
                    guard try extend([i], to: rr), let runs = try bank.runs([(c, Array(0..<rr))], search: true) else { return nil }
                    // On the first rr replications, as every other point (paired).
                    return Assessment(runs[0], definition: definition).minimised
                }
                if let result, !result.converged { break }
                leaders = ranked(Array(state.entries.indices).filter { state.entries[$0].replications >= rr })
            }
        }

        // 4. Finalists: ranked on the first rr replications (the same seeds for all).
        let pool = Array(state.entries.indices).filter { state.entries[$0].replications >= rr }
        let common = pool.isEmpty ? (state.entries.map(\.replications).max() ?? r0) : rr
        let eligible = pool.isEmpty ? Array(state.entries.indices).filter { state.entries[$0].replications >= common } : pool
        let firstRuns = try bank.runs(eligible.map { (state.entries[$0].candidate, Array(0..<common)) }, search: false) ?? []
        let onCommon = Dictionary(uniqueKeysWithValues: zip(eligible, firstRuns.map { Assessment($0, definition: definition) }))
        let order = eligible.sorted { a, b in
            let (x, y) = (onCommon[a]!, onCommon[b]!)
            return Assessment.isBetter(x, y) || (!Assessment.isBetter(y, x) && a < b)
        }
        let feasible = order.filter { onCommon[$0]!.feasible }
        // Distinct alternatives: a plan joins the finalists only where it differs from
        // each one already in by a listed value or 5% of a range (else the next best
        // fills the place), so the selection weighs real choices, not near-copies.
        let ranked = feasible.isEmpty ? order : feasible
        func distinct(_ a: Int, _ b: Int) -> Bool {
            let (x, y) = (state.entries[a].candidate.values, state.entries[b].candidate.values)
            return zip(definition.decisions, zip(x, y)).contains { decision, pair in
                guard decision.isRange else { return pair.0 != pair.1 }
                return abs((decision.unit(of: pair.0) ?? 0) - (decision.unit(of: pair.1) ?? 0)) >= Self.distinctShare
            }
        }
        var finalists: [Int] = []
        for i in ranked where finalists.count < definition.finalists && finalists.allSatisfy({ distinct(i, $0) }) { finalists.append(i) }
        for i in ranked where finalists.count < definition.finalists && !finalists.contains(i) { finalists.append(i) }
        return Result(entries: state.entries, refused: state.refused, finalists: finalists)
    }
}
