import ArgumentParser
import Foundation
import HTMLReport
import Reports
import ResultsStore
import Scenario
import SimCore

/// `livesim merge`: joins the shards of a sweep into the files one machine
/// would have written.
struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Join the shards of a sweep or a run into the files of a single run.",
        discussion: """
        Each DIR is the output folder of `livesim sweep --shard i/n` (or of a
        Slurm array task or Kubernetes Indexed Job pod), or of `livesim run
        --shard i/n`, whose tables are joined in replication order. The shards' cells are
        copied into DIR/results.sqlite in cell order, the best cell and those
        within its CI are re-run with fresh seeds, and sweep.csv, rerun.csv and
        manifest.json are written: the same files as an unsharded sweep. Refused
        (exit 2, naming the cells) when shards overlap, when cells are missing,
        or when the shards belong to different sweeps.

        Example:
          livesim merge out/shard-0 out/shard-1 out/shard-2 --out out/merged
        """
    )

    @Argument(help: "Shard output folders.")
    var directories: [String]

    @Option(help: "Threads for the re-run (default: the CPUs this process may use).")
    var jobs: Int?

    @Option(help: "Output folder: new, empty, or an unfinished merge of the same sweep.")
    var out: String

    @Option(help: "Language of report.html: en or zh.")
    var lang: ReportLanguage = .en

    func validate() throws {
        guard !directories.isEmpty else { throw ValidationError("merge needs at least one shard folder") }
    }

    func run() throws {
        let jobs = self.jobs ?? ParallelReplications.availableCPUs()
        guard (1...4096).contains(jobs) else { throw InputError(message: "--jobs \(jobs): expected 1 to 4096") }
        let fm = FileManager.default
        if directories.allSatisfy({ !fm.fileExists(atPath: ($0 as NSString).appendingPathComponent("results.sqlite"))
                                    && fm.fileExists(atPath: ($0 as NSString).appendingPathComponent("replications.csv")) }) {
            return try mergeRuns()
        }
        let shards = try directories.map(ShardStore.init)
        let first = shards[0]
        for other in shards.dropFirst() where other.fingerprint != first.fingerprint {
            throw InputError(message: "\(other.directory) and \(first.directory) are shards of different sweeps "
                             + "(\(other.facts["sweepFile"] ?? "?") and \(first.facts["sweepFile"] ?? "?"), or the same file, base, seed or replications changed between them)")
        }
        // Every cell exactly once.
        var owner: [Int: String] = [:]
        var overlaps: [Int: [String]] = [:]
        for shard in shards {
            for cell in shard.cells {
                if let previous = owner[cell] { overlaps[cell, default: [previous]].append(shard.directory) } else { owner[cell] = shard.directory }
            }
        }
        if !overlaps.isEmpty {
            let list = overlaps.keys.sorted().prefix(20).map { "cell \($0) (in \(overlaps[$0]!.joined(separator: " and ")))" }
            throw InputError(message: "overlapping shards: \(list.joined(separator: ", "))\(overlaps.count > 20 ? ", …" : ""); expected each cell in one shard")
        }
        guard let total = first.facts["cells"].flatMap(Int.init) else {
            throw InputError(message: "\(first.directory)/results.sqlite does not record its sweep's cell count; expected a store written by `livesim sweep`")
        }
        let missing = (0..<total).filter { owner[$0] == nil }
        if !missing.isEmpty {
            let list = missing.prefix(30).map(String.init).joined(separator: ", ")
            throw InputError(message: "incomplete shards: \(missing.count) of \(total) cells missing (cells \(list)\(missing.count > 30 ? ", …" : "")); "
                             + "expected every shard of the sweep, each finished (run the missing shards again with the same --out to finish them)")
        }

        // The sweep itself, as the shards ran it.
        guard let file = first.facts["sweepFile"], let seed = first.facts["seed"].flatMap(UInt64.init),
              let replications = first.facts["replications"].flatMap(Int.init) else {
            throw InputError(message: "\(first.directory)/results.sqlite does not record its sweep file, seed and replications")
        }
        let sweep = try SweepLoader.load(file: file, seed: seed, replications: replications)
        guard sweep.fingerprint == first.fingerprint else {
            throw InputError(message: "\(file) (or its base scenario) changed since the shards ran; expected the sweep as it was")
        }
        let directory = try Sweep.prepareFolder(out)
        let store = try Sweep.openStore(sweep: sweep, shard: .whole, directory: directory)
        let started = Date()
        let present = try store.finishedCells(.sweep)
        do {
            for shard in shards where !shard.cells.isSubset(of: present) {
                try store.importSweepCells(from: shard.storePath)
            }
            print("\(sweep.name): merged \(shards.count) shard\(shards.count == 1 ? "" : "s"), \(total) cells × \(sweep.replications) replications, seed \(sweep.seed), objective \(sweep.objective.key)")
            let runner = CellRunner(sweep: sweep, store: store, jobs: jobs)
            try Sweep.finish(sweep: sweep, store: store, runner: runner, directory: directory, jobs: jobs, started: started,
                             sweepCells: (total, 0), language: lang)
        } catch let error as InputError { throw error } catch let error as ScenarioErrors { throw error } catch {
            throw RunFailure(message: "the merge stopped: \(error) (run the same command to finish it)")
        }
    }
}

extension Merge {
    /// Joins the shards of `livesim run --shard i/n` (their manifests must name
    /// the same resolved scenario, seed and replications).
    func mergeRuns() throws {
        var manifests: [(directory: String, value: JSONValue)] = []
        for directory in directories {
            let path = (directory as NSString).appendingPathComponent("manifest.json")
            guard let data = FileManager.default.contents(atPath: path),
                  let value = try? JSONDecoder().decode(JSONValue.self, from: data) else {
                throw InputError(message: "\(directory): no readable manifest.json; expected the output folder of `livesim run --shard`")
            }
            manifests.append((directory, value))
        }
        let first = manifests[0]
        func key(_ v: JSONValue) -> [JSONValue?] { [v["resolvedScenarioSha256"], v["seed"], v["replications"]] }
        for other in manifests.dropFirst() where key(other.value) != key(first.value) {
            throw InputError(message: "\(other.directory) and \(first.directory) are shards of different runs (scenario, seed or replications differ)")
        }
        guard case .number(let total)? = first.value["replications"], case .number(let seed)? = first.value["seed"],
              case .string(let name)? = first.value["resolvedScenario"]?["name"] else {
            throw InputError(message: "\(first.directory)/manifest.json lacks the run's replications, seed or scenario name")
        }
        let output = try OutputFolder(requested: out, scenarioName: name)
        do {
            try output.write { directory in
                try RunShards.merge(directories, into: directory, replications: Int(total), scenario: name, seed: UInt64(seed))
                var manifest = first.value
                manifest.set("shard", .string("0/1"))
                manifest.set("mergedFrom", .array(directories.map { .string($0) }))
                manifest.set("commandLine", .string(Manifest.commandLine))
                try ResultFiles.write(manifest.text(indent: 2) + "\n", to: (directory as NSString).appendingPathComponent("manifest.json"))
                try ReportWriter.write(folder: directory, language: lang)
            }
        } catch let problem as RunShards.Problem {
            throw InputError(message: problem.description)
        } catch let error as InputError { throw error } catch {
            throw RunFailure(message: "could not write the merged run: \(error)")
        }
        print("\(name): merged \(directories.count) shard\(directories.count == 1 ? "" : "s"), \(Int(total)) replications, seed \(UInt64(seed))")
        print("results: \(output.final)")
        print("report: \((output.final as NSString).appendingPathComponent(ReportWriter.fileName))")
    }
}

/// A shard's output folder, read: its store's facts and finished cells.
struct ShardStore {
    let directory: String
    let storePath: String
    let facts: [String: String]
    let cells: Set<Int>
    var fingerprint: String { facts["fingerprint"] ?? "" }

    init(_ directory: String) throws {
        self.directory = directory
        storePath = (directory as NSString).appendingPathComponent("results.sqlite")
        guard FileManager.default.fileExists(atPath: storePath) else {
            throw InputError(message: "\(directory): no results.sqlite; expected the output folder of a sweep shard")
        }
        do {
            let store = try ResultsStore(existingAt: storePath)
            facts = try store.facts()
            cells = try store.finishedCells(.sweep)
        } catch {
            throw InputError(message: "\(storePath): not a readable sweep store (\(error))")
        }
    }
}
