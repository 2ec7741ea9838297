import Foundation
import HTMLReport
import JSON
import Reports
import ResultsStore
import Scenario

/// Joins the output folders of shards (of a sweep, or of a run) into the
/// files one machine would have written: the library form of `livesim merge`.
/// Shards that overlap, miss cells or replications, or belong to different
/// sweeps or runs are refused (``ExperimentError``, bad input) naming them.
public enum ShardMerge {
    /// Whether the folders are shards of `livesim run --shard` (tables, no store) rather than of a sweep.
    public static func areRunShards(_ directories: [String]) -> Bool {
        let fm = FileManager.default
        return directories.allSatisfy { d in
            !fm.fileExists(atPath: (d as NSString).appendingPathComponent(ResultFileName.store))
                && fm.fileExists(atPath: (d as NSString).appendingPathComponent(ResultTable.replications.fileName))
        }
    }

    /// Copies the shards' cells into `out`'s store in cell order, re-runs the
    /// best cell and its ties on fresh seeds, and writes the sweep's files.
    /// `out` may hold an unfinished merge of the same sweep (it resumes).
    public static func mergeSweep(_ directories: [String], into out: String, jobs: Int, language: ReportLanguage = .en,
                                  provenance: Provenance = Provenance(), progress: ProgressHandler? = nil) throws -> SweepOutcome {
        try ReplicationSettings.check(jobs: jobs)
        guard !directories.isEmpty else { throw ExperimentError.badInput("merge needs at least one shard folder") }
        let shards = try directories.map(ShardStore.init)
        let first = shards[0]
        for other in shards.dropFirst() where other.fingerprint != first.fingerprint {
            throw ExperimentError.badInput("\(other.directory) and \(first.directory) are shards of different sweeps "
                + "(\(other.facts["sweepFile"] ?? "?") and \(first.facts["sweepFile"] ?? "?"), or the same file, base, seed or replications changed between them)")
        }
        let owner = try owners(shards.map { ($0.directory, Array($0.cells)) }, item: "cell")
        guard let total = first.facts["cells"].flatMap(Int.init) else {
            throw ExperimentError.badInput("\(first.storePath) does not record its sweep's cell count; expected a store written by `livesim sweep`")
        }
        let missing = (0..<total).filter { owner[$0] == nil }
        if !missing.isEmpty {
            throw ExperimentError.badInput("incomplete shards: \(missing.count) of \(total) cells missing (cells \(list(missing, 30))); "
                + "expected every shard of the sweep, each finished (run the missing shards again with the same --out to finish them)")
        }
        // The sweep itself, as the shards ran it.
        guard let file = first.facts["sweepFile"], let seed = first.facts["seed"].flatMap(UInt64.init),
              let replications = first.facts["replications"].flatMap(Int.init) else {
            throw ExperimentError.badInput("\(first.storePath) does not record its sweep file, seed and replications")
        }
        let sweep = try SweepLoader.load(file: file, seed: seed, replications: replications)
        guard sweep.fingerprint == first.fingerprint else {
            throw ExperimentError.badInput("\(file) (or its base scenario) changed since the shards ran; expected the sweep as it was")
        }
        try SweepFolder.prepare(out)
        let store = try SweepFolder.openStore(sweep, shard: .whole, directory: out)
        do {
            let present = try store.finishedCells(.sweep)
            for shard in shards where !shard.cells.isSubset(of: present) { try store.importSweepCells(from: shard.storePath) }
            let runner = CellRunner(sweep, store: store, jobs: jobs, progress: progress)
            return try SweepExperiment.finish(sweep, store: store, runner: runner, directory: out, jobs: jobs, sweepCells: (total, 0),
                                              language: language, provenance: provenance)
        } catch let error as ExperimentError { throw error } catch let error as ScenarioErrors { throw error } catch {
            throw ExperimentError.failure("the merge stopped: \(FileSystem.describe(error)) (run the same command to finish it)")
        }
    }

    /// What a merge of run shards wrote.
    public struct MergedRun: Sendable {
        public let scenario: String
        public let replications: Int
        public let seed: UInt64
        public let directory: String
    }

    /// Joins the shards of `livesim run --shard i/n` (their manifests must
    /// name the same resolved scenario, seed and replications) into `folder`.
    public static func mergeRuns(_ directories: [String], into folder: (_ scenarioName: String) throws -> OutputFolder,
                                 language: ReportLanguage = .en, provenance: Provenance = Provenance()) throws -> MergedRun {
        var manifests: [(directory: String, value: JSONValue)] = []
        for directory in directories {
            let path = (directory as NSString).appendingPathComponent(ResultFileName.manifest)
            guard let data = FileManager.default.contents(atPath: path),
                  let value = try? JSONDecoder().decode(JSONValue.self, from: data) else {
                throw ExperimentError.badInput("\(directory): no readable \(ResultFileName.manifest); expected the output folder of `livesim run --shard`")
            }
            manifests.append((directory, value))
        }
        guard let first = manifests.first else { throw ExperimentError.badInput("merge needs at least one shard folder") }
        func key(_ v: JSONValue) -> [JSONValue?] { [v["resolvedScenarioSha256"], v["seed"], v["replications"]] }
        for other in manifests.dropFirst() where key(other.value) != key(first.value) {
            throw ExperimentError.badInput("\(other.directory) and \(first.directory) are shards of different runs (scenario, seed or replications differ)")
        }
        guard case .number(let total)? = first.value["replications"], case .number(let seed)? = first.value["seed"],
              case .string(let name)? = first.value["resolvedScenario"]?["name"] else {
            throw ExperimentError.badInput("\(first.directory)/\(ResultFileName.manifest) lacks the run's replications, seed or scenario name")
        }
        let output = try folder(name)
        try output.write { directory in
            do {
                try RunShards.merge(directories, into: directory, replications: Int(total), scenario: name, seed: UInt64(seed))
            } catch let problem as RunShards.Problem {
                throw ExperimentError.badInput(problem.description)
            }
            var manifest = first.value
            manifest.set("shard", .string(Shard.whole.description))
            manifest.set("mergedFrom", .array(directories.map { .string($0) }))
            manifest.set("commandLine", .string(provenance.commandLine))
            try ResultFiles.write(manifest.text(indent: 2) + "\n", to: (directory as NSString).appendingPathComponent(ResultFileName.manifest))
            try ReportWriter.write(folder: directory, language: language)
        }
        return MergedRun(scenario: name, replications: Int(total), seed: UInt64(seed), directory: output.final)
    }

    /// Which shard holds each item; refuses items held by two.
    static func owners(_ shards: [(directory: String, items: [Int])], item: String) throws(ExperimentError) -> [Int: String] {
        var owner: [Int: String] = [:]
        var overlaps: [Int: [String]] = [:]
        for (directory, items) in shards {
            for i in items {
                if let previous = owner[i] { overlaps[i, default: [previous]].append(directory) } else { owner[i] = directory }
            }
        }
        if !overlaps.isEmpty {
            let named = overlaps.keys.sorted().prefix(20).map { "\(item) \($0) (in \(overlaps[$0]!.joined(separator: " and ")))" }
            throw .badInput("overlapping shards: \(named.joined(separator: ", "))\(overlaps.count > 20 ? ", …" : ""); expected each \(item) in one shard")
        }
        return owner
    }

    static func list(_ items: [Int], _ limit: Int) -> String {
        items.prefix(limit).map(String.init).joined(separator: ", ") + (items.count > limit ? ", …" : "")
    }
}

/// A sweep shard's output folder, read: its store's facts and finished cells.
struct ShardStore {
    let directory: String
    let storePath: String
    let facts: [String: String]
    let cells: Set<Int>
    var fingerprint: String { facts["fingerprint"] ?? "" }

    init(_ directory: String) throws(ExperimentError) {
        self.directory = directory
        storePath = (directory as NSString).appendingPathComponent(ResultFileName.store)
        guard FileManager.default.fileExists(atPath: storePath) else {
            throw .badInput("\(directory): no \(ResultFileName.store); expected the output folder of a sweep shard")
        }
        do {
            let store = try ResultsStore(existingAt: storePath)
            facts = try store.facts()
            cells = try store.finishedCells(.sweep)
        } catch {
            throw .badInput("\(storePath): not a readable sweep store (\(error))")
        }
    }
}
