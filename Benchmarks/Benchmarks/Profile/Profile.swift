import Audience
import Experiments
import Foundation
import Scenario

/// One replication of a scenario in-process, timed in its parts, for
/// callgrind and for the set-up cost of an experiment's evaluation:
///
///     Profile SCENARIO [--seed N] [--replication K] [--repeat N] [--reload]
///
/// prints one JSON line: the engine's events popped (every kind: arrivals,
/// candidates kept or thinned away, re-entries, invitees, ticks), the model's
/// events (arrivals + leaves + interactions + clicks, as `compare.py` counts
/// them for both peers), views, and seconds spent loading the file
/// (`ScenarioLoader.load`), with `--reload` loading it again from the parsed
/// file as an experiment's candidate is (`ScenarioSource.load`, no file read), building
/// the model (`Replicable`, as every experiment does) and running.
/// `--repeat N` runs the whole thing N times and reports the medians.
@main
struct Profile {
    static func main() throws {
        var arguments = Array(CommandLine.arguments.dropFirst())
        func option(_ name: String, _ fallback: Int) -> Int {
            guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count, let v = Int(arguments[i + 1]) else { return fallback }
            arguments.removeSubrange(i...(i + 1))
            return v
        }
        let seed = option("--seed", 1), replication = option("--replication", 0), repeats = max(1, option("--repeat", 1))
        let timeReload = arguments.contains("--reload")
        arguments.removeAll { $0 == "--reload" }
        guard let file = arguments.first else {
            FileHandle.standardError.write(Data("usage: Profile SCENARIO [--seed N] [--replication K] [--repeat N] [--reload]\n".utf8))
            exit(2)
        }
        var load: [Double] = [], reload: [Double] = [], build: [Double] = [], run: [Double] = []
        var result: StreamResult?
        for _ in 0..<repeats {
            var t = DispatchTime.now().uptimeNanoseconds
            func lap() -> Double {
                let now = DispatchTime.now().uptimeNanoseconds
                defer { t = now }
                return Double(now - t) / 1e9
            }
            var scenario = try ScenarioLoader.load(file: file)
            load.append(lap())
            if timeReload {
                scenario = try scenario.source.load()
                reload.append(lap())
            }
            let model = try Replicable(scenario)
            build.append(lap())
            guard case .stream(let r) = model.run(seed: UInt64(seed), replication: replication) else {
                FileHandle.standardError.write(Data("Profile: \(file) is a season; give a single stream\n".utf8))
                exit(2)
            }
            result = r
            run.append(lap())
        }
        guard let r = result else { return }
        func median(_ xs: [Double]) -> Double { xs.isEmpty ? 0 : xs.sorted()[xs.count / 2] }
        let modelEvents = Int(2 * r.kpis[.views]! + r.kpis[.interactions]! + r.kpis[.productClicks]!)
        print("{\"scenario\": \"\(file)\", \"engineEvents\": \(r.diagnostics.eventsProcessed), \"modelEvents\": \(modelEvents), "
              + "\"views\": \(Int(r.kpis[.views]!)), \"loadSeconds\": \(median(load)), \"reloadSeconds\": \(median(reload)), "
              + "\"buildSeconds\": \(median(build)), "
              + "\"runSeconds\": \(median(run)), \"repeats\": \(repeats)}")
    }
}
