import AlertMessages
import CFuzzerDriver

/// Every input is a sink's template from a config file: parsed as each output, and when it
/// parses, rendered for an alert with nested fields, lists and text that needs escaping. A crash,
/// a hang or a sanitizer report is a bug; a `TemplateError` is an answer.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    for output in [MessageTemplate.Output.text, .html, .json] {
        guard let template = try? MessageTemplate(text, output: output) else { continue }
        var context = AlertContext.values(fromAlertJSON: sampleAlert)
        _ = MessageRenderer(title: template, body: template).message(context: &context)
        _ = template.render(context)
    }
    return 0
}

private let sampleAlert = #"{"article":{"content_hash":"9f","id":41,"title":"Cap \"raised\" <b>","url":"https://w.example/a?x=1&y=2"},"change":{"delta":200000,"ratio":0.3333},"current":{"sentence":"It rose\nto 800,000.","text":"800,000","unit":"count","value":800000},"feed":{"id":3,"title":"Kyiv Wire","url":"https://w.example/feed"},"id":"f1","kind":"figure.changed","matched":["a","b"],"previous":{"text":"600,000","unit":"count","value":600000},"time":"2026-11-23T19:10:00Z","tracker":"troop-cap"}"#

/// SwiftPM links an executable's `main` to `<target>_main`: hand control to libFuzzer's driver.
@_cdecl("TemplateFuzz_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    FuzzerMain(argc, argv)
}
