import CLibXML2
import Foundation

/// Receives the elements of a document from `XMLEventReader`.
protocol XMLEventHandler: AnyObject {
    /// `base` is the element's `xml:base`-resolved base URL.
    func start(_ name: XMLName, attributes: [XMLAttribute], depth: Int, reader: XMLEventReader)
    /// `text` is the element's own character data (or its serialised markup when capturing).
    func end(_ name: XMLName, text: String, depth: Int, reader: XMLEventReader)
}

/// libxml2's SAX2 parser turned into element events.
///
/// Safe on hostile input: no DTD is loaded, no external or declared entity is ever resolved
/// (only the five predefined XML entities exist), the network is off and libxml2's own depth
/// limit holds. Broken documents are parsed in recovery mode; what was wrong becomes warnings.
final class XMLEventReader {
    private(set) var warnings: [String] = []
    private(set) var firstError: String?
    private(set) var sawRoot = false
    weak var handler: (any XMLEventHandler)?
    /// Called with the root element's name to pick the handler.
    var chooseHandler: ((XMLName, [XMLAttribute]) -> (any XMLEventHandler)?)?

    private var text: [UInt8] = []
    private var depth = 0
    /// Depth at which markup capture started (serialising children), or nil.
    private var captureDepth: Int?
    private var baseStack: [(depth: Int, base: String)] = []
    private var names: [UnsafeRawPointer: String] = [:]
    private var errorCount = 0
    private var parser: xmlParserCtxtPtr?
    /// An error cleared libxml2's well-formedness flag (see `restoreEntityReferences`).
    private var lostWellFormedness = false

    let documentURL: String?

    init(documentURL: String?) {
        self.documentURL = documentURL
    }

    /// The base URL in force for the current element (`xml:base`, else the document URL).
    var currentBase: String? { baseStack.last?.base ?? documentURL }

    /// Serialise the current element's children as markup (Atom `type="xhtml"` content).
    func captureMarkupOfCurrentElement() {
        captureDepth = depth
    }

    /// - Parameter alreadyUTF8: the bytes were transcoded to UTF-8: ignore the encoding the
    ///   document declares.
    func parse(_ bytes: [UInt8], alreadyUTF8: Bool = false) {
        var bytes = bytes
        if let repaired = BareAmpersands.escaped(bytes) {
            bytes = repaired.bytes
            let noun = repaired.count == 1 ? "ampersand" : "ampersands"
            warnings.append("\(repaired.count) unescaped \(noun) read as text")
        }
        var sax = xmlSAXHandler()
        sax.initialized = UInt32(XML_SAX2_MAGIC)
        sax.startElementNs = { context, localname, _, uri, _, _, attributeCount, _, attributes in
            XMLEventReader.from(context).startElement(localname, uri, Int(attributeCount), attributes)
        }
        sax.endElementNs = { context, localname, _, uri in
            XMLEventReader.from(context).endElement(localname, uri)
        }
        sax.characters = { context, characters, length in
            XMLEventReader.from(context).characters(characters, Int(length))
        }
        sax.cdataBlock = { context, characters, length in
            XMLEventReader.from(context).characters(characters, Int(length))
        }
        sax.getEntity = { context, name in
            // The five XML entities, and HTML's named characters as plain text (with a warning).
            // Nothing a document declares is ever expanded: no DTD, no external entity.
            guard let name else { return nil }
            if let predefined = xmlGetPredefinedEntity(name) { return predefined }
            guard let entity = HTMLEntityDeclarations.entity(named: name) else { return nil }
            XMLEventReader.from(context).noteHTMLEntity(String(cString: name))
            return entity
        }
        sax.serror = { context, error in
            guard let context, let error else { return }
            Unmanaged<XMLEventReader>.fromOpaque(context).takeUnretainedValue().record(error)
        }
        let context = Unmanaged.passUnretained(self).toOpaque()
        guard let parser = xmlCreatePushParserCtxt(&sax, context, nil, 0, documentURL) else {
            firstError = "libxml2 could not create a parser"
            return
        }
        self.parser = parser
        defer {
            self.parser = nil
            xmlFreeParserCtxt(parser)
        }
        var options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_RECOVER.rawValue | XML_PARSE_NOWARNING.rawValue)
        if alreadyUTF8 { options |= Int32(XML_PARSE_IGNORE_ENC.rawValue) }
        xmlCtxtUseOptions(parser, options)
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                _ = xmlParseChunk(parser, chars.baseAddress, Int32(chars.count), 1)
            }
        }
    }

    private static func from(_ context: UnsafeMutableRawPointer?) -> XMLEventReader {
        Unmanaged<XMLEventReader>.fromOpaque(context!).takeUnretainedValue()
    }

    // MARK: - SAX callbacks

    private func name(_ pointer: UnsafePointer<xmlChar>?) -> String? {
        guard let pointer else { return nil }
        // libxml2 interns names in its dictionary: one String per distinct name per document.
        let key = UnsafeRawPointer(pointer)
        if let known = names[key] { return known }
        let string = String(cString: pointer)
        names[key] = string
        return string
    }

    private func startElement(
        _ localname: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?, _ attributeCount: Int,
        _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
        if lostWellFormedness { restoreEntityReferences() }
        depth += 1
        let elementName = XMLName(namespace: name(uri), local: name(localname) ?? "")
        var parsedAttributes: [XMLAttribute] = []
        if attributeCount > 0, let attributes {
            parsedAttributes.reserveCapacity(attributeCount)
            for index in 0..<attributeCount {
                let base = attributes + index * 5
                guard let start = base[3], let end = base[4] else { continue }
                let bytes = UnsafeBufferPointer(start: start, count: end - start)
                var value = String(decoding: bytes, as: UTF8.self)
                // Without entity substitution libxml2 hands an `&` of an attribute on as `&#38;`.
                if bytes.contains(UInt8(ascii: "&")) { value = value.replacingOccurrences(of: "&#38;", with: "&") }
                parsedAttributes.append(
                    XMLAttribute(name: XMLName(namespace: name(base[2]), local: name(base[0]) ?? ""), value: value))
            }
        }
        if let capture = captureDepth, depth > capture {
            serialiseStart(elementName, parsedAttributes)
            return
        }
        text.removeAll(keepingCapacity: true)
        if let base = parsedAttributes.value("base", in: Namespace.xml) {
            baseStack.append((depth, URLResolver.resolve(base, against: currentBase) ?? base))
        }
        if !sawRoot {
            sawRoot = true
            handler = chooseHandler?(elementName, parsedAttributes)
        }
        handler?.start(elementName, attributes: parsedAttributes, depth: depth, reader: self)
    }

    private func endElement(_ localname: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?) {
        if lostWellFormedness { restoreEntityReferences() }
        defer { depth -= 1 }
        let elementName = XMLName(namespace: name(uri), local: name(localname) ?? "")
        if let capture = captureDepth {
            if depth > capture {
                text.append(contentsOf: "</\(elementName.local)>".utf8)
                return
            }
            captureDepth = nil
        }
        let value = text.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
        text.removeAll(keepingCapacity: true)
        handler?.end(elementName, text: value, depth: depth, reader: self)
        if let last = baseStack.last, last.depth == depth { baseStack.removeLast() }
    }

    private func characters(_ characters: UnsafePointer<xmlChar>?, _ length: Int) {
        if lostWellFormedness { restoreEntityReferences() }
        guard let characters, length > 0 else { return }
        let buffer = UnsafeBufferPointer(start: characters, count: length)
        if captureDepth != nil {
            appendEscaped(buffer)
        } else {
            text.append(contentsOf: buffer)
        }
    }

    private func serialiseStart(_ name: XMLName, _ attributes: [XMLAttribute]) {
        text.append(UInt8(ascii: "<"))
        text.append(contentsOf: name.local.utf8)
        for attribute in attributes {
            text.append(contentsOf: " \(attribute.name.local)=\"".utf8)
            Array(attribute.value.utf8).withUnsafeBufferPointer { appendEscaped($0) }
            text.append(UInt8(ascii: "\""))
        }
        text.append(UInt8(ascii: ">"))
    }

    private func appendEscaped(_ buffer: UnsafeBufferPointer<UInt8>) {
        for byte in buffer {
            switch byte {
            case UInt8(ascii: "<"): text.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): text.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "&"): text.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "\""): text.append(contentsOf: "&quot;".utf8)
            default: text.append(byte)
            }
        }
    }

    private var htmlEntitiesSeen: Set<String> = []

    fileprivate func noteHTMLEntity(_ name: String) {
        guard htmlEntitiesSeen.insert(name).inserted, htmlEntitiesSeen.count <= 5 else { return }
        warnings.append("HTML entity &\(name); used in XML; read as its character")
    }

    /// libxml2 2.9.14 in recovery mode drops every entity reference, even `&amp;`, once the
    /// document has had an error (`xmlParseReference` returns early when `wellFormed` is 0).
    /// The flag is set back after each error, at the next event, so that the rest of a document
    /// with one broken tag still reads its references. Errors are still reported as warnings.
    private func restoreEntityReferences() {
        parser?.pointee.wellFormed = 1
        lostWellFormedness = false
    }

    private func record(_ error: UnsafePointer<xmlError>) {
        let level = error.pointee.level
        guard level == XML_ERR_ERROR || level == XML_ERR_FATAL else { return }
        lostWellFormedness = true
        errorCount += 1
        guard errorCount <= 20 else { return }
        var message = error.pointee.message.map { String(cString: $0) } ?? "malformed XML"
        while message.last == "\n" { message.removeLast() }
        let described = "line \(error.pointee.line): \(message)"
        if level == XML_ERR_FATAL, firstError == nil { firstError = described }
        warnings.append(described)
    }
}
