import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `livesim serve` end to end over loopback: the page and every API route,
/// each kind of bad input answered 400/404/413 with its path, the bounded
/// line (503 rather than an unbounded queue), the per-request deadline,
/// loopback by default, and no file written.
@Suite(.serialized) struct ServeCommandTests {
    /// A running `livesim serve`, stopped (SIGTERM) when the test ends.
    final class Server {
        let process = Process()
        let base: String
        let folder: String

        init(_ arguments: [String]) throws {
            folder = temporaryFolder()
            try FileManager.default.createDirectory(atPath: folder + "/tmp", withIntermediateDirectories: true)
            process.executableURL = URL(fileURLWithPath: try livesimPath())
            process.arguments = ["serve", "--port", "0"] + arguments
            // A working folder and a temporary folder of its own: the test checks that both stay empty.
            process.currentDirectoryURL = URL(fileURLWithPath: folder)
            var environment = ProcessInfo.processInfo.environment
            environment["TMPDIR"] = folder + "/tmp"
            process.environment = environment
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            var text = ""
            let deadline = Date().addingTimeInterval(30)
            while !text.contains("\n"), Date() < deadline {
                let chunk = out.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                text += String(decoding: chunk, as: UTF8.self)
            }
            guard let range = text.range(of: #"http://[^ ]+/"#, options: .regularExpression) else {
                process.terminate()
                throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "serve printed no address: \(text)"])
            }
            base = String(text[range])
        }

        deinit {
            if process.isRunning { process.terminate(); process.waitUntilExit() }
            try? FileManager.default.removeItem(atPath: folder)
        }

        /// Files left in the working folder or the temporary folder.
        var filesWritten: [String] {
            let fm = FileManager.default
            return ((try? fm.contentsOfDirectory(atPath: folder)) ?? []).filter { $0 != "tmp" }
                + ((try? fm.contentsOfDirectory(atPath: folder + "/tmp")) ?? [])
        }
    }

    struct Reply {
        var status: Int
        var body: Data
        var headers: [String: String]
        var json: Any? { try? JSONSerialization.jsonObject(with: body) }
        var text: String { String(decoding: body, as: UTF8.self) }
        /// The `path`s of a 4xx/5xx answer's `errors`.
        var paths: [String] { ((json as? [String: Any])?["errors"] as? [[String: Any]])?.compactMap { $0["path"] as? String } ?? [] }
    }

    static func request(_ url: String, method: String = "GET", body: Data? = nil) throws -> Reply {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        request.httpBody = body
        request.timeoutInterval = 60
        if body != nil { request.setValue("application/json", forHTTPHeaderField: "Content-Type") }
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var reply: Reply?
        nonisolated(unsafe) var failure: Error?
        URLSession.shared.dataTask(with: request) { data, response, error in
            if let http = response as? HTTPURLResponse {
                var headers: [String: String] = [:]
                for (k, v) in http.allHeaderFields { headers[String(describing: k).lowercased()] = String(describing: v) }
                reply = Reply(status: http.statusCode, body: data ?? Data(), headers: headers)
            } else {
                failure = error
            }
            done.signal()
        }.resume()
        done.wait()
        if let reply { return reply }
        throw failure ?? URLError(.unknown)
    }

    static func post(_ url: String, _ json: String) throws -> Reply { try request(url, method: "POST", body: Data(json.utf8)) }

    @Test func thePageAndTheAPIAnswerAndBadInputIsNamed() throws {
        let baseline = packageRoot.appendingPathComponent("Scenarios/baseline.yaml").path
        let boost = packageRoot.appendingPathComponent("Scenarios/variants/paid-boost.yaml").path
        let server = try Server([baseline, boost, "--replications", "2", "--max-replications", "20", "--jobs", "2"])
        #expect(server.base.hasPrefix("http://127.0.0.1:"), "binds loopback by default: \(server.base)")

        let page = try Self.request(server.base)
        #expect(page.status == 200 && page.headers["content-type"]?.hasPrefix("text/html") == true)
        #expect(page.text.contains("<!DOCTYPE html>") && page.text.contains("api/run"))
        // Self-contained: nothing is loaded from another host.
        #expect(!page.text.contains("src=\"http") && !page.text.contains("href=\"http") && !page.text.contains("@import"))
        #expect(try Self.request(server.base + "?lang=zh").text.contains("lang=\"zh-CN\""))

        let list = try #require(try Self.request(server.base + "api/scenarios").json as? [[String: Any]])
        #expect(list.compactMap { $0["name"] as? String } == ["baseline", "paid-boost"])
        #expect(list.allSatisfy { $0["file"] is String })
        let info = try #require(try Self.request(server.base + "api/scenarios/paid-boost").json as? [String: Any])
        let levers = try #require(info["levers"] as? [[String: Any]])
        #expect(levers.contains { ($0["id"] as? String) == "boost.0.budgetYuan" && ($0["value"] as? Double) == 5000 })
        #expect(try Self.request(server.base + "api/scenarios/nope").status == 404)

        // A run: the KPI keys of summary.json, and the contract's timeseries fields.
        let run = try Self.post(server.base + "api/run", #"{"scenario": "baseline", "set": {"host.charisma": 0.8}, "replications": 2}"#)
        #expect(run.status == 200, "\(run.text)")
        let answer = try #require(run.json as? [String: Any])
        let kpis = try #require(answer["kpis"] as? [String: Any])
        let summaryKeys = try Self.summaryKeys()
        #expect(Set(kpis.keys) == summaryKeys)
        for key in ["mean", "sd", "ci95", "p5", "p50", "p95"] { #expect((kpis["gmvYuan"] as? [String: Any])?[key] != nil, "\(key)") }
        let series = try #require(answer["timeseries"] as? [[String: Any]])
        #expect(series.count == 180 && Set(series[0].keys).isSuperset(of: ["minute", "concurrentViewers", "orders", "gmvYuan"]))

        // Bad input: 400 naming path, value and expectation; never a 500.
        let cases: [(String, [String])] = [
            ("{", [""]),
            (#"{"scenario": "nope"}"#, ["scenario"]),
            (#"{"scenario": "baseline", "replications": 21}"#, ["replications"]),
            (#"{"scenario": "baseline", "set": {"host.charm": 1}}"#, ["host.charm"]),
            (#"{"scenario": "baseline", "set": {"host.charisma": "high"}}"#, ["host.charisma"]),
            (#"{"scenario": "baseline", "set": {"promotions[0].offers[0].priceYuan": 0}}"#, ["promotions[0].offers[0].priceYuan"]),
            (#"{"scenario": "baseline", "levers": {"host.charisma": 2}}"#, ["levers.host.charisma"]),
        ]
        for (body, paths) in cases {
            let reply = try Self.post(server.base + "api/run", body)
            #expect(reply.status == 400, "\(body): \(reply.status) \(reply.text)")
            #expect(reply.paths == paths, "\(body): \(reply.text)")
            let first = ((reply.json as? [String: Any])?["errors"] as? [[String: Any]])?.first
            #expect(first?["value"] is String && first?["expected"] is String, "\(reply.text)")
        }
        let huge = try Self.post(server.base + "api/run", "{\"scenario\": \"baseline\", \"pad\": \"" + String(repeating: "x", count: 100_000) + "\"}")
        #expect(huge.status == 413 && huge.paths == [""], "\(huge.status)")

        // The plan as YAML and as a zip of run's files.
        let yaml = try Self.post(server.base + "api/plan", #"{"scenario": "baseline", "levers": {"kol.0": false}}"#)
        #expect(yaml.status == 200 && yaml.text.contains("name: \"baseline-what-if\"") && yaml.headers["content-disposition"]?.contains("attachment") == true)
        let zip = try Self.post(server.base + "api/export", #"{"scenario": "baseline", "replications": 2}"#)
        #expect(zip.status == 200 && zip.headers["content-type"] == "application/zip" && zip.body.starts(with: [0x50, 0x4B]))

        #expect(server.filesWritten.isEmpty, "serve wrote \(server.filesWritten)")
        server.process.terminate()
        server.process.waitUntilExit()
        #expect(server.process.terminationReason == .exit || server.process.terminationStatus == 15)
    }

    @Test func aFullLineIsTurnedAwayAndALongRequestIsStopped() throws {
        let baseline = packageRoot.appendingPathComponent("Scenarios/baseline.yaml").path
        let server = try Server([baseline, "--queue", "0", "--timeout", "0.5", "--jobs", "1"])
        // Eight clients at once, one simulator and no line: one runs, the others are turned away (503, Retry-After).
        let statuses = ReplyBox()
        let base = server.base
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            let reply = try? Self.post(base + "api/run", #"{"scenario": "baseline", "replications": 3}"#)
            statuses.add(reply)
        }
        let codes = statuses.replies.map(\.status)
        #expect(codes.count == 8 && codes.allSatisfy { $0 == 200 || $0 == 503 }, "\(codes)")
        #expect(codes.contains(503), "eight at once with no line: someone must be turned away (\(codes))")
        #expect(statuses.replies.filter { $0.status == 503 }.allSatisfy { $0.headers["retry-after"] == "1" || $0.text.contains("stopped") })
        // A request longer than the deadline is stopped and answered 503, and the server goes on.
        let long = try Self.post(server.base + "api/run", #"{"scenario": "baseline", "replications": 100}"#)
        #expect(long.status == 503 && long.text.contains("stopped"), "\(long.status) \(long.text)")
        #expect(try Self.request(server.base + "api/scenarios").status == 200)
    }

    @Test func aBadScenarioOrPortIsRefusedAtStart() throws {
        let r = try livesim(["serve", "no-such.yaml", "--port", "0"])
        #expect(r.status == 2 && r.stderr.contains("no-such.yaml"), "\(r.stderr)")
        let p = try livesim(["serve", "--port", "70000"])
        #expect(p.status == 2 && p.stderr.contains("--port"), "\(p.stderr)")
    }

    static func summaryKeys() throws -> Set<String> {
        let out = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        #expect(try livesim(["run", try tinyScenario(), "--replications", "1", "--out", out]).status == 0)
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json"))) as? [String: Any]
        return Set((summary?["kpis"] as? [String: Any])?.keys ?? [:].keys)
    }
}

/// Replies gathered from several threads.
private final class ReplyBox: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var replies: [ServeCommandTests.Reply] = []
    func add(_ reply: ServeCommandTests.Reply?) {
        lock.lock(); defer { lock.unlock() }
        if let reply { replies.append(reply) }
    }
}
