import ArticleText
import CLibXML2
import FeedModel
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
/// (only the five predefined XML entities exist), the network is off and elements nested deeper
/// than `maximumDepth` are skipped. Broken documents are parsed in recovery mode; what was wrong
/// becomes warnings.
///
/// Element events follow the tags the document wrote, not libxml2's recovery: an end tag closes
/// the innermost open element of its name and every element left open inside it (raw HTML with
/// an unclosed `<b>` ends where its `</description>` does), and an end tag that closes nothing
/// is ignored. libxml2 instead pairs each end tag with its innermost open element, whatever the
/// names, and would nest the rest of the feed inside the unclosed element.
///
/// A reader belongs to one `parse` call and its thread, and libxml2 calls back one event at a
/// time, so no two accesses to its state ever overlap: its stored properties are
/// `@exclusivity(unchecked)`, sparing the runtime's exclusivity bookkeeping on every event.
final class XMLEventReader {
    /// Deeper elements (and their text) are skipped: no feed nests so deep, hostile documents do.
    static let maximumDepth = 256

    @exclusivity(unchecked) private(set) var warnings: [String] = []
    @exclusivity(unchecked) private(set) var firstError: String?
    @exclusivity(unchecked) private(set) var sawRoot = false
    /// Held strongly (a weak reference costs an atomic load per event): handlers hold no reference
    /// to the reader, which they are handed with each event.
    var handler: (any XMLEventHandler)?
    /// Called with the root element's name to pick the handler.
    var chooseHandler: ((XMLName, [XMLAttribute]) -> (any XMLEventHandler)?)?
    /// During `XMLEventHandler.end`: the text is the element's children serialised as markup.
    @exclusivity(unchecked) private(set) var textIsMarkup = false

    @exclusivity(unchecked) private var text: [UInt8] = []
    /// The open elements, as the document's tags opened and closed them.
    @exclusivity(unchecked) private var open: [XMLName] = []
    private var depth: Int { open.count }
    /// Open elements deeper than `maximumDepth`, which are skipped.
    @exclusivity(unchecked) private var skippedDepth = 0
    @exclusivity(unchecked) private var skippedDeepElements = false
    @exclusivity(unchecked) private var capture: Capture?
    @exclusivity(unchecked) private var baseStack: [(depth: Int, base: String)] = []
    @exclusivity(unchecked) private var names: [UnsafeRawPointer: String] = [:]
    /// The names last met, by their interned pointer's address: a feed uses a few dozen names,
    /// so nearly every lookup ends here, without hashing.
    @exclusivity(unchecked) private var recentNames = [(key: UnsafeRawPointer?, name: String)](
        repeating: (nil, ""), count: XMLEventReader.recentNameSlots)
    private static let recentNameSlotBits = 7
    private static let recentNameSlots = 1 << recentNameSlotBits
    /// While markup is captured: the prefix each of the current element's attributes was
    /// written with (nil for none), in the order of its attributes. Reused, never reallocated.
    @exclusivity(unchecked) private var attributePrefixes: [String?] = []
    @exclusivity(unchecked) private var errorCount = 0
    private var parser: xmlParserCtxtPtr?
    /// The name an end tag really had, when libxml2 reported it closing an element of another name.
    @exclusivity(unchecked) private var mismatchedEndTag: String?
    /// An error cleared libxml2's well-formedness flag (see `restoreEntityReferences`).
    @exclusivity(unchecked) private var lostWellFormedness = false
    /// Fields whose text was HTML escaped twice, read as HTML (see `EscapedMarkup`).
    @exclusivity(unchecked) private var doublyEscapedFields = 0

    /// Serialising an element's children as markup.
    private struct Capture {
        /// The element whose children are serialised.
        var depth: Int
        /// Serialising has begun; before, the element's text is kept as written.
        var serialising: Bool
        /// Atom `type="xhtml"`: the XHTML `<div>` wrapping the content is not part of it.
        var unwrapsDiv: Bool
        /// Where the wrapping `<div>`'s content starts and ends in `text`.
        var wrapperDepth: Int?
        var wrappedRange: Range<Int>?
        var sawChild = false
    }

    let documentURL: String?

    init(documentURL: String?) {
        self.documentURL = documentURL
    }

    /// The base URL in force for the current element (`xml:base`, else the document URL).
    var currentBase: String? { baseStack.last?.base ?? documentURL }

    /// Serialise the current element's children as markup, without the XHTML `<div>` that wraps
    /// them (Atom `type="xhtml"` content, RFC 4287 §4.1.3.3).
    func captureMarkupOfCurrentElement() {
        capture = Capture(depth: depth, serialising: true, unwrapsDiv: true)
    }

    /// Keep the current element's text as written unless child elements appear in it; then its
    /// whole content is serialised as markup (raw HTML in an RSS description).
    func acceptMarkupInCurrentElement() {
        capture = Capture(depth: depth, serialising: false, unwrapsDiv: false)
    }

    /// - Parameter alreadyUTF8: the bytes were transcoded to UTF-8: ignore the encoding the
    ///   document declares.
    func parse(_ bytes: [UInt8], alreadyUTF8: Bool = false) {
        var bytes = bytes
        if let repaired = BareAmpersands.escaped(bytes) {
            bytes = repaired.bytes
            if repaired.count > 0 {
                let noun = repaired.count == 1 ? "ampersand" : "ampersands"
                warnings.append("\(repaired.count) unescaped \(noun) read as text")
            }
            if repaired.uppercaseHexReferences > 0 {
                let noun = repaired.uppercaseHexReferences == 1 ? "reference" : "references"
                warnings.append("\(repaired.uppercaseHexReferences) character \(noun) written &#X…; (XML allows only &#x) read as characters")
            }
        }
        var sax = xmlSAXHandler()
        sax.initialized = UInt32(XML_SAX2_MAGIC)
        sax.startElementNs = { context, localname, _, uri, _, _, attributeCount, _, attributes in
            XMLEventReader.from(context).startElement(localname, uri, Int(attributeCount), attributes)
        }
        sax.endElementNs = { context, localname, _, _ in
            XMLEventReader.from(context).endElement(localname)
        }
        sax.characters = { context, characters, length in
            XMLEventReader.from(context).characters(characters, Int(length))
        }
        sax.cdataBlock = { context, characters, length in
            XMLEventReader.from(context).characters(characters, Int(length))
        }
        sax.getEntity = { context, name in
            // The five XML entities, short literal text the document's internal subset declares,
            // and HTML's named characters as plain text (with a warning). No DTD is loaded and no
            // external entity nor entity referring to another is ever expanded.
            guard let name else { return nil }
            if let predefined = xmlGetPredefinedEntity(name) { return predefined }
            let reader = XMLEventReader.from(context)
            // libxml2 also asks while reading the DOCTYPE's declarations: nothing is expanded there.
            guard !reader.isReadingDeclarations else { return nil }
            if let declared = reader.declaredText(name) { return declared }
            guard !reader.declares(name) else { return nil }
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
            // A document type declaration makes libxml2 build a document for its DTD even under
            // SAX; the parser context does not own it.
            if let document = parser.pointee.myDoc {
                xmlFreeDoc(document)
                parser.pointee.myDoc = nil
            }
            xmlFreeParserCtxt(parser)
        }
        var options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_RECOVER.rawValue | XML_PARSE_NOWARNING.rawValue)
        if alreadyUTF8 { options |= Int32(XML_PARSE_IGNORE_ENC.rawValue) }
        xmlCtxtUseOptions(parser, options)
        // libxml2 takes a chunk's length as a C int: a document past 2 GiB goes in several chunks.
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                var offset = 0
                repeat {
                    let length = min(chars.count - offset, Int(Int32.max))
                    let last = offset + length == chars.count
                    _ = xmlParseChunk(parser, chars.baseAddress.map { $0 + offset }, Int32(length), last ? 1 : 0)
                    offset += length
                } while offset < chars.count
            }
        }
        if doublyEscapedFields > 0 {
            let fields = doublyEscapedFields == 1 ? "field held" : "fields held"
            warnings.append("\(doublyEscapedFields) text \(fields) HTML escaped twice (&amp;lt;p&amp;gt;); read as HTML")
        }
    }

    /// libxml2 hands every callback the user data `parse` gave `xmlCreatePushParserCtxt`, never nil.
    private static func from(_ context: UnsafeMutableRawPointer?) -> XMLEventReader {
        Unmanaged<XMLEventReader>.fromOpaque(context!).takeUnretainedValue()
    }

    // MARK: - SAX callbacks

    private func name(_ pointer: UnsafePointer<xmlChar>?) -> String? {
        guard let pointer else { return nil }
        // libxml2 interns names in its dictionary: one String per distinct name per document.
        let key = UnsafeRawPointer(pointer)
        // Interned names lie side by side in libxml2's pool, a few bytes apart: the address is
        // multiplied by a Fibonacci constant and its top bits pick the slot, so that neighbours
        // spread over the slots.
        let slot = (UInt64(UInt(bitPattern: key)) &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - Self.recentNameSlotBits)
        let recent = recentNames[Int(slot)]
        if recent.key == key { return recent.name }
        let string: String
        if let known = names[key] {
            string = known
        } else {
            string = String(cString: pointer)
            names[key] = string
        }
        recentNames[Int(slot)] = (key, string)
        return string
    }

    private func startElement(
        _ localname: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?, _ attributeCount: Int,
        _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
        if lostWellFormedness { restoreEntityReferences() }
        mismatchedEndTag = nil
        if skippedDepth > 0 || depth >= Self.maximumDepth {
            if !skippedDeepElements {
                skippedDeepElements = true
                warnings.append("elements nested deeper than \(Self.maximumDepth) levels skipped")
            }
            skippedDepth += 1
            return
        }
        let elementName = XMLName(namespace: name(uri), local: name(localname) ?? "")
        var parsedAttributes: [XMLAttribute] = []
        let capturing = capture != nil
        if capturing { attributePrefixes.removeAll(keepingCapacity: true) }
        if attributeCount > 0, let attributes {
            parsedAttributes.reserveCapacity(attributeCount)
            for index in 0..<attributeCount {
                let base = attributes + index * 5
                guard let start = base[3], let end = base[4] else { continue }
                let bytes = UnsafeBufferPointer(start: start, count: end - start)
                var value = String(decodingUTF8: bytes)
                // Without entity substitution libxml2 hands an `&` of an attribute on as `&#38;`.
                if bytes.contains(UInt8(ascii: "&")) { value = value.replacingOccurrences(of: "&#38;", with: "&") }
                parsedAttributes.append(
                    XMLAttribute(name: XMLName(namespace: name(base[2]), local: name(base[0]) ?? ""), value: value))
                if capturing { attributePrefixes.append(name(base[1])) }
            }
        }
        open.append(elementName)
        if capturing {
            captureStart(elementName, parsedAttributes)
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

    private func endElement(_ localname: UnsafePointer<xmlChar>?) {
        if lostWellFormedness { restoreEntityReferences() }
        let written = mismatchedEndTag
        mismatchedEndTag = nil
        if skippedDepth > 0 {
            skippedDepth -= 1
            return
        }
        guard let closed = name(localname) else { return }
        if written == nil, open.last?.local == closed {
            closeInnermost()
            return
        }
        // libxml2 closed its innermost element whatever the tag said: follow the tag instead.
        let tag = written.map { $0.split(separator: ":").last.map(String.init) ?? $0 } ?? closed
        guard let target = open.lastIndex(where: { $0.local == tag }) else { return }  // closes nothing
        while open.count > target { closeInnermost() }
    }

    private func closeInnermost() {
        let depth = open.count
        let elementName = open.removeLast()
        textIsMarkup = false
        // Text of an element that may hold markup, which held none.
        var accepted = false
        if var capture {
            if depth > capture.depth {
                // `captureStart` sets the wrapper's depth and range together.
                if depth == capture.wrapperDepth, let wrapped = capture.wrappedRange {
                    capture.wrappedRange = wrapped.lowerBound..<text.count
                    capture.wrapperDepth = nil
                    self.capture = capture
                } else {
                    text.append(contentsOf: "</".utf8)
                    text.append(contentsOf: elementName.local.utf8)
                    text.append(UInt8(ascii: ">"))
                }
                return
            }
            self.capture = nil
            textIsMarkup = capture.serialising
            accepted = !capture.serialising
            if let wrapped = capture.wrappedRange, capture.wrapperDepth == nil {
                text = Array(text[wrapped])
            }
        }
        var value = String(decodingUTF8: text)
        text.removeAll(keepingCapacity: true)
        if accepted, let markup = EscapedMarkup.unescaped(value) {
            // `&amp;lt;p&amp;gt;`: read as the markup raw HTML child elements would have been.
            value = markup
            textIsMarkup = true
            doublyEscapedFields += 1
        }
        handler?.end(elementName, text: value, depth: depth, reader: self)
        textIsMarkup = false
        if let last = baseStack.last, last.depth == depth { baseStack.removeLast() }
    }

    private func characters(_ characters: UnsafePointer<xmlChar>?, _ length: Int) {
        if lostWellFormedness { restoreEntityReferences() }
        guard let characters, length > 0, skippedDepth == 0 else { return }
        let buffer = UnsafeBufferPointer(start: characters, count: length)
        if capture?.serialising == true {
            appendEscaped(buffer)
        } else {
            text.append(contentsOf: buffer)
        }
    }

    /// A child of an element whose markup is captured.
    private func captureStart(_ name: XMLName, _ attributes: [XMLAttribute]) {
        guard var capture else { return }
        if !capture.serialising {
            // Raw markup: what was text so far becomes escaped text of that markup.
            let written = text
            text.removeAll(keepingCapacity: true)
            written.withUnsafeBufferPointer { appendEscaped($0) }
            capture.serialising = true
        }
        if capture.unwrapsDiv, !capture.sawChild, depth == capture.depth + 1, name.is("div", in: Namespace.xhtml) {
            capture.wrapperDepth = depth
            capture.wrappedRange = text.count..<text.count
        } else {
            serialiseStart(name, attributes)
        }
        capture.sawChild = true
        self.capture = capture
    }

    /// Namespaced attributes keep their prefix (`xlink:href`, `xml:lang`), and the element declares
    /// each prefix but `xml` it uses, as the serialised markup carries no other declaration.
    private func serialiseStart(_ name: XMLName, _ attributes: [XMLAttribute]) {
        text.append(UInt8(ascii: "<"))
        text.append(contentsOf: name.local.utf8)
        for (index, attribute) in attributes.enumerated() {
            text.append(UInt8(ascii: " "))
            if let prefix = serialisedPrefix(attributes, index) {
                let namespace = attribute.name.namespace ?? Namespace.xlink
                let declaredBefore = (0..<index).contains { serialisedPrefix(attributes, $0) == prefix }
                if prefix != "xml", !declaredBefore {
                    text.append(contentsOf: "xmlns:\(prefix)=\"".utf8)
                    Array(namespace.utf8).withUnsafeBufferPointer { appendEscaped($0) }
                    text.append(contentsOf: "\" ".utf8)
                }
                text.append(contentsOf: prefix.utf8)
                text.append(UInt8(ascii: ":"))
            }
            text.append(contentsOf: attribute.name.local.utf8)
            text.append(contentsOf: "=\"".utf8)
            Array(attribute.value.utf8).withUnsafeBufferPointer { appendEscaped($0) }
            text.append(UInt8(ascii: "\""))
        }
        text.append(UInt8(ascii: ">"))
    }

    /// The prefix a captured attribute is written with: `xlink` for XLink's namespace (also when
    /// the document forgot to declare it), `xml` for XML's, else the document's own prefix; none
    /// for an attribute in no namespace, or whose prefix would clash with those two.
    private func serialisedPrefix(_ attributes: [XMLAttribute], _ index: Int) -> String? {
        let written = index < attributePrefixes.count ? attributePrefixes[index] : nil
        guard let namespace = attributes[index].name.namespace else { return written == "xlink" ? "xlink" : nil }
        func same(_ other: String) -> Bool { namespace.utf8.count == other.utf8.count && namespace == other }
        if same(Namespace.xlink) { return "xlink" }
        if same(Namespace.xml) { return "xml" }
        guard let written, written != "xlink", written != "xml", written != "xmlns" else { return nil }
        return written
    }

    private func appendEscaped(_ buffer: UnsafeBufferPointer<UInt8>) {
        Self.appendEscaped(buffer, to: &text)
    }

    /// Escapes into `output` in one access to it, copying the runs between special characters whole.
    private static func appendEscaped(_ buffer: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        var runStart = 0
        for (index, byte) in buffer.enumerated() {
            let replacement: StaticString
            switch byte {
            case UInt8(ascii: "<"): replacement = "&lt;"
            case UInt8(ascii: ">"): replacement = "&gt;"
            case UInt8(ascii: "&"): replacement = "&amp;"
            case UInt8(ascii: "\""): replacement = "&quot;"
            default: continue
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[runStart..<index]))
            output.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
            runStart = index + 1
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[runStart...]))
    }

    /// Longest entity text a document may declare, and most text its references may add in all:
    /// enough for `&copy;` or a publisher's name, far too little for a billion laughs.
    static let declaredEntityLimit = 256
    static let declaredEntityBudget = 64 * 1024
    @exclusivity(unchecked) private var declaredEntityBytes = 0
    @exclusivity(unchecked) private var refusedEntities: Set<String> = []

    /// An internal entity of the document's own DOCTYPE (`<!ENTITY copy "&#169;">`) whose value is
    /// plain text, as that text. libxml2 keeps such declarations in `myDoc` even under SAX, with
    /// character references decoded; the entity is marked predefined there, which libxml2 passes
    /// on as characters without parsing it. Values holding references, markup or more than
    /// `declaredEntityLimit` bytes, and references past `declaredEntityBudget`, read as nothing;
    /// so do references in attribute values, where libxml2 would copy one byte of the text.
    fileprivate func declaredText(_ name: UnsafePointer<xmlChar>) -> xmlEntityPtr? {
        guard let parser, let document = parser.pointee.myDoc, let entity = xmlGetDocEntity(document, name) else { return nil }
        guard parser.pointee.instate != XML_PARSER_ATTRIBUTE_VALUE else {
            noteRefusedEntity(name, why: "used in an attribute")
            return nil
        }
        let length = Int(xmlStrlen(entity.pointee.content))
        var usable = false
        if entity.pointee.etype == XML_INTERNAL_PREDEFINED_ENTITY {
            usable = true  // accepted at an earlier reference
        } else if entity.pointee.etype == XML_INTERNAL_GENERAL_ENTITY, let content = entity.pointee.content,
                  length <= Self.declaredEntityLimit,
                  !UnsafeBufferPointer(start: content, count: length).contains(where: {
                      $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "<")
                  }) {
            entity.pointee.etype = XML_INTERNAL_PREDEFINED_ENTITY
            usable = true
        }
        if usable, declaredEntityBytes + length <= Self.declaredEntityBudget {
            declaredEntityBytes += length
            return entity
        }
        noteRefusedEntity(name, why: "it refers to other entities, holds markup or is too long")
        return nil
    }

    fileprivate var isReadingDeclarations: Bool {
        guard let parser else { return false }
        let state = parser.pointee.instate
        return parser.pointee.inSubset != 0 || state == XML_PARSER_ENTITY_DECL || state == XML_PARSER_ENTITY_VALUE
    }

    /// The document's DOCTYPE declares an entity of this name (then HTML's meaning does not apply).
    fileprivate func declares(_ name: UnsafePointer<xmlChar>) -> Bool {
        guard let document = parser?.pointee.myDoc else { return false }
        return xmlGetDocEntity(document, name) != nil
    }

    private func noteRefusedEntity(_ name: UnsafePointer<xmlChar>, why: String) {
        let entityName = String(cString: name)
        guard refusedEntities.insert(entityName).inserted, refusedEntities.count <= 5 else { return }
        warnings.append("entity &\(entityName); declared in the document read as nothing: \(why)")
    }

    @exclusivity(unchecked) private var htmlEntitiesSeen: Set<String> = []

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
        if error.pointee.code == Int32(XML_ERR_TAG_NAME_MISMATCH.rawValue), let written = error.pointee.str2 {
            mismatchedEndTag = String(cString: written)
        }
        errorCount += 1
        guard errorCount <= 20 else { return }
        var message = error.pointee.message.map { String(cString: $0) } ?? "malformed XML"
        while message.last == "\n" { message.removeLast() }
        let described = "line \(error.pointee.line): \(message)"
        if level == XML_ERR_FATAL, firstError == nil { firstError = described }
        warnings.append(described)
    }
}
