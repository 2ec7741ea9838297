import Mustache

/// The report page layout (its stylesheet, header, facts and footer) for
/// pages built outside this module — a calibration's, say — so every
/// `report.html` looks the same.
public enum ReportPage {
    /// A fact shown under the title (`label: value`).
    public struct Fact: Sendable {
        /// In the report's language.
        public var label: String
        public var value: String
        public init(label: String, value: String) { self.label = label; self.value = value }
    }

    /// The whole page around `body` (HTML, inserted as it is).
    public static func html(language: ReportLanguage, title: String, name: String, description: String? = nil,
                            facts: [Fact], body: String, version: String) -> String {
        var library = MustacheLibrary()
        guard (try? library.register(Templates.page, named: "page")) != nil else { return body }
        var page: [String: Any] = ["htmlLanguage": language == .en ? "en" : "zh-CN", "generatedBy": language.text(.generatedBy),
                                   "colon": language == .en ? ": " : "：", "title": title, "name": name, "version": version,
                                   "facts": facts.map { ["label": $0.label, "value": $0.value] }, "body": body]
        if let description { page["description"] = description }
        return library.render(page, withTemplate: "page") ?? body
    }

    /// A figure section: a heading, an optional note and an inline SVG chart (already escaped).
    public static func figure(id: String, heading: String, note: String? = nil, svg: String) -> String {
        var library = MustacheLibrary()
        guard (try? library.register(Templates.figure, named: "figure")) != nil else { return svg }
        var context: [String: Any] = ["id": id, "heading": heading, "svg": svg]
        if let note { context["note"] = note }
        return library.render(context, withTemplate: "figure") ?? svg
    }
}
