import ArgumentParser
import Dispatch
import Experiments
import Foundation
import Scenario
import WhatIf

/// `livesim serve`: the what-if page on a local web server.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the what-if page: move a plan's levers, see the KPIs move.",
        discussion: """
        Loads the scenarios (default: Scenarios/baseline.yaml) and serves a page at
        http://HOST:PORT/ where a planner moves the levers of a plan (offer prices
        and units, flash-sale and draw times, the host, paid boosts by window, KOL
        on or off, stream quality) and sees the key figures with their intervals,
        the concurrency and sales curves, and the difference from a pinned plan on
        the same seeds. The JSON API (Docs/formats.md, "What-if server"):
          GET  /api/scenarios          the loaded scenarios
          GET  /api/scenarios/NAME     a scenario's levers and KPI names
          POST /api/run                {"scenario", "set", "levers", "replications", "seed", "pinned"}
          POST /api/plan, /api/export  the plan as YAML; the plan and its result files as a zip
        Binds 127.0.0.1 unless --host says otherwise: the server has no login, and
        anyone who can reach it can make it simulate. It writes no files. Stop it
        with Ctrl-C.

        Example:
          livesim serve Scenarios/baseline.yaml Scenarios/variants/paid-boost.yaml --port 8080
        """
    )

    @Argument(help: "Scenario files to offer (default: Scenarios/baseline.yaml).")
    var files: [String] = []

    @Option(help: "Address to bind: 127.0.0.1 (this machine only) or, to expose it, 0.0.0.0.")
    var host = "127.0.0.1"

    @Option(help: "Port (0: any free port, printed at start).")
    var port = 8080

    @Option(parsing: .unconditional, help: "Threads for a request's replications (default: the CPUs this process may use).")
    var jobs: Int?

    @Option(help: "Replications when a request names none.")
    var replications = 16

    @Option(help: "Most replications a request may ask for.")
    var maxReplications = 200

    @Option(help: "Seconds a request may run before it is stopped (503).")
    var timeout = 30.0

    @Option(help: "Requests that may wait while one runs; more are answered 503.")
    var queue = 4

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port \(port): expected 0 to 65535") }
        guard (1...ScenarioLoader.maximumReplications).contains(maxReplications) else {
            throw ValidationError("--max-replications \(maxReplications): expected 1 to \(ScenarioLoader.maximumReplications)")
        }
        guard (1...maxReplications).contains(replications) else { throw ValidationError("--replications \(replications): expected 1 to --max-replications (\(maxReplications))") }
        guard timeout > 0, timeout.isFinite else { throw ValidationError("--timeout \(timeout): expected a positive number of seconds") }
        guard queue >= 0 else { throw ValidationError("--queue \(queue): expected 0 or more") }
        if let jobs, !(1...1024).contains(jobs) { throw ValidationError("--jobs \(jobs): expected 1 to 1024") }
    }

    func run() throws {
        let catalog = try WhatIfCatalog(files: files.isEmpty ? ["Scenarios/baseline.yaml"] : files)
        printWarnings(catalog.entries.map(\.scenario))
        var limits = WhatIfLimits(jobs: jobs ?? ReplicationSettings.availableJobs)
        limits.defaultReplications = replications
        limits.maximumReplications = maxReplications
        limits.timeoutSeconds = timeout
        limits.queue = queue
        let server = WhatIfServer(engine: WhatIfEngine(catalog: catalog, limits: limits), host: host, port: port)
        let outcome = ServeOutcome()
        let done = DispatchSemaphore(value: 0)
        let names = catalog.names.joined(separator: ", ")
        Task {
            do {
                try await server.run { host, port in
                    let line = "serving \(names) at http://\(host.contains(":") ? "[\(host)]" : host):\(port)/ (Ctrl-C stops)\n"
                    FileHandle.standardOutput.write(Data(line.utf8))
                }
            } catch {
                outcome.error = error
            }
            done.signal()
        }
        done.wait()
        if let error = outcome.error { throw ServeFailure(message: "cannot serve on \(host):\(port): \(error)") }
    }
}

/// What the server task ended with.
private final class ServeOutcome: @unchecked Sendable {
    var error: Error?
}

struct ServeFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
