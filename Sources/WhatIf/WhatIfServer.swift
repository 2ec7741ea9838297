import Audience
import Dispatch
import Foundation
import HTMLReport
import Hummingbird
import JSON
import Logging
import NIOCore
import SimCore

/// `livesim serve`: the what-if page and its JSON API on Hummingbird.
///
/// - `GET /` the page (`?lang=zh` in Chinese); self-contained, no network beyond this server.
/// - `GET /api/scenarios` the loaded scenarios, `[{"name", "file", "description"}]`.
/// - `GET /api/scenarios/NAME` one scenario's levers, KPI names and defaults.
/// - `POST /api/run` `{"scenario", "set", "levers", "replications", "seed", "pinned"}` →
///   `{"kpis", "timeseries", …}`; bad input 400 `{"errors": [{"path", "value", "expected"}]}`.
/// - `POST /api/plan` the plan as a scenario file; `POST /api/export` the plan
///   and the files `livesim run` writes for it, zipped.
///
/// One request simulates at a time, on `limits.jobs` threads, with at most
/// `limits.queue` waiting; a request that finds the line full, or runs past
/// `limits.timeoutSeconds`, is answered 503. Nothing is written to disk but a
/// private temporary folder an export removes before answering.
public struct WhatIfServer: Sendable {
    public let engine: WhatIfEngine
    public let host: String
    public let port: Int
    let gate: SimulationGate

    public init(engine: WhatIfEngine, host: String = "127.0.0.1", port: Int = 8080) {
        self.engine = engine
        self.host = host
        self.port = port
        gate = SimulationGate(queue: engine.limits.queue)
    }

    /// Serves until SIGINT or SIGTERM.
    /// - Parameter onListening: called once with the address really bound (the port chosen when `port` is 0).
    public func run(onListening: @escaping @Sendable (String, Int) -> Void) async throws {
        var logger = Logger(label: "livesim-serve")
        logger.logLevel = .warning
        let app = Application(router: router(), configuration: .init(address: .hostname(host, port: port), serverName: "livesim"),
                              onServerRunning: { channel in onListening(host, channel.localAddress?.port ?? port) }, logger: logger)
        try await app.runService()
    }

    /// The routes (an application can mount them on its own server too).
    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        let engine = self.engine, gate = self.gate
        router.get("/") { request, _ -> Response in
            let language = ReportLanguage(rawValue: request.uri.queryParameters.get("lang") ?? "en") ?? .en
            return Self.response(.ok, type: "text/html; charset=utf-8", WhatIfPage.html(language: language))
        }
        router.get("/api/scenarios") { _, _ -> Response in
            Self.json(.ok, engine.catalog.listJSON)
        }
        router.get("/api/scenarios/:name") { _, context -> Response in
            guard let name = context.parameters.get("name"), let entry = engine.catalog.entry(name) else {
                return Self.problems(.notFound, [WhatIfProblem(path: "scenario", value: JSONValue.quote(context.parameters.get("name") ?? ""),
                                                               expected: "the name of a loaded scenario: \(engine.catalog.names.joined(separator: ", "))")])
            }
            return Self.json(.ok, Self.scenarioJSON(entry, limits: engine.limits))
        }
        router.post("/api/run") { request, _ -> Response in
            await Self.handle(request, engine: engine, gate: gate, simulates: true) { (parsed, stop) throws(WhatIfFailure) -> Response in
                Self.json(.ok, try engine.answer(parsed, stop: stop))
            }
        }
        router.post("/api/plan") { request, _ -> Response in
            await Self.handle(request, engine: engine, gate: gate, simulates: false) { (parsed, _) throws(WhatIfFailure) -> Response in
                let text = try engine.planText(parsed)
                return Self.response(.ok, type: "application/yaml; charset=utf-8", text,
                                     download: "\(parsed.scenario)-what-if.yaml")
            }
        }
        router.post("/api/export") { request, _ -> Response in
            let language = ReportLanguage(rawValue: request.uri.queryParameters.get("lang") ?? "en") ?? .en
            return await Self.handle(request, engine: engine, gate: gate, simulates: true) { (parsed, stop) throws(WhatIfFailure) -> Response in
                let data = try engine.archive(parsed, language: language, stop: stop)
                var headers = HTTPFields()
                headers[.contentType] = "application/zip"
                headers[.contentDisposition] = "attachment; filename=\"\(parsed.scenario)-what-if.zip\""
                return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
            }
        }
        return router
    }

    /// Reads and checks the body, waits for the simulator (when the work
    /// simulates), runs `work` on a thread of its own under the deadline, and
    /// turns every failure into its answer: 400, 413, 503 or 500.
    static func handle(_ request: Request, engine: WhatIfEngine, gate: SimulationGate, simulates: Bool,
                       _ work: @escaping @Sendable (WhatIfRequest, StopSignal) throws(WhatIfFailure) -> Response) async -> Response {
        let limits = engine.limits
        let body: ByteBuffer
        do { body = try await request.body.collect(upTo: limits.maximumBodyBytes) } catch {
            return problems(.contentTooLarge, [WhatIfProblem(path: "", value: "a body of more than \(limits.maximumBodyBytes) bytes",
                                                             expected: "a request of at most \(limits.maximumBodyBytes) bytes")])
        }
        let parsed: WhatIfRequest
        do { parsed = try WhatIfRequest.parse(Data(body.readableBytesView), catalog: engine.catalog, limits: limits) } catch {
            return problems(.badRequest, error.problems)
        }
        let stop = StopSignal()
        let started = Date()
        let deadline = Task {
            try? await Task.sleep(for: .seconds(limits.timeoutSeconds))
            stop.raise()
        }
        defer { deadline.cancel() }
        if simulates {
            guard await gate.enter() else {
                return problems(.serviceUnavailable, [WhatIfProblem(path: "", value: "the simulator is busy (\(limits.queue) requests waiting)",
                                                                    expected: "a retry in a moment")], retryAfter: true)
            }
        }
        let result: Result<Response, WhatIfFailure> = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                if stop.isRaised { return continuation.resume(returning: .failure(.stopped(seconds: Date().timeIntervalSince(started)))) }
                continuation.resume(returning: Result { () throws(WhatIfFailure) -> Response in try work(parsed, stop) })
            }
        }
        if simulates { await gate.leave() }
        switch result {
        case .success(let response): return response
        case .failure(.badRequest(let p)): return problems(.badRequest, p.problems)
        case .failure(.stopped(let seconds)):
            return problems(.serviceUnavailable, [WhatIfProblem(path: "", value: "stopped after \(Int(seconds.rounded())) s",
                                                                expected: "a plan that runs within \(Int(limits.timeoutSeconds)) s (ask for fewer replications)")],
                            retryAfter: false)
        case .failure(.failure(let message)):
            return problems(.internalServerError, [WhatIfProblem(path: "", value: message, expected: "a server that works (please report this)")])
        }
    }

    /// `GET /api/scenarios/NAME`: what the page builds itself from.
    static func scenarioJSON(_ entry: WhatIfCatalog.Entry, limits: WhatIfLimits) -> JSONValue {
        let kpis = KPI.allCases.map { kpi in
            JSONValue.object([.init("key", .string(kpi.key)), .init("en", .string(ReportLanguage.en.name(kpi))),
                              .init("zh", .string(ReportLanguage.zh.name(kpi))), .init("lowerIsBetter", .bool(kpi.lowerIsBetter))])
        }
        return .object([
            .init("name", .string(entry.name)), .init("file", .string(entry.file)),
            .init("description", .string(entry.scenario.document.description)),
            .init("seed", .number(Double(entry.scenario.document.seed))),
            .init("replications", .number(Double(limits.defaultReplications))),
            .init("maximumReplications", .number(Double(limits.maximumReplications))),
            .init("season", .bool(entry.scenario.document.season != nil)),
            .init("levers", .array(entry.levers.levers.map(\.json))),
            .init("kpis", .array(kpis)),
        ])
    }

    static func json(_ status: HTTPResponse.Status, _ value: JSONValue) -> Response {
        response(status, type: "application/json; charset=utf-8", value.text())
    }

    static func problems(_ status: HTTPResponse.Status, _ list: [WhatIfProblem], retryAfter: Bool = false) -> Response {
        var r = json(status, WhatIfProblems(list).json)
        if retryAfter { r.headers[.retryAfter] = "1" }
        return r
    }

    static func response(_ status: HTTPResponse.Status, type: String, _ text: String, download: String? = nil) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.cacheControl] = "no-store"
        if let download { headers[.contentDisposition] = "attachment; filename=\"\(download)\"" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
