/// The HTML elements `HTMLText` treats specially, recognised from a tag's name as bytes.
enum TagName {
    enum Kind {
        /// Ends a line of text: `<p>`, `<br>`, `<li>`, headings, table cells…
        case block
        /// Its content is no text at all: `<script>`, `<style>`, `<noscript>`, `<template>`.
        case rawText
        case other
    }

    /// The kind of the element `name` (ASCII letters and digits, any case) names. Names of up to
    /// eight bytes are compared as one integer, lower-cased (setting bit 0x20 lower-cases a
    /// letter and leaves a digit as it is), big-endian: `0x6272` is "br".
    static func kind(_ name: UnsafeBufferPointer<UInt8>) -> Kind {
        guard name.count <= 8 else {
            return matchesLowercased(name, "blockquote") || matchesLowercased(name, "figcaption") ? .block : .other
        }
        var key: UInt64 = 0
        for byte in name { key = key << 8 | UInt64(byte | 0x20) }
        switch key {
        case 0x70 /* p */, 0x6272 /* br */, 0x6464 /* dd */, 0x646C /* dl */, 0x6474 /* dt */, 0x6831 /* h1 */,
             0x6832 /* h2 */, 0x6833 /* h3 */, 0x6834 /* h4 */, 0x6835 /* h5 */, 0x6836 /* h6 */, 0x6872 /* hr */,
             0x6C69 /* li */, 0x6F6C /* ol */, 0x7464 /* td */, 0x7468 /* th */, 0x7472 /* tr */, 0x756C /* ul */,
             0x646976 /* div */, 0x6E6176 /* nav */, 0x707265 /* pre */, 0x666F726D /* form */, 0x6D61696E /* main */,
             0x6173696465 /* aside */, 0x7461626C65 /* table */, 0x74626F6479 /* tbody */, 0x74666F6F74 /* tfoot */,
             0x7468656164 /* thead */, 0x666967757265 /* figure */, 0x666F6F746572 /* footer */,
             0x686561646572 /* header */, 0x61646472657373 /* address */, 0x61727469636C65 /* article */,
             0x63617074696F6E /* caption */, 0x73656374696F6E /* section */:
            return .block
        case 0x7374796C65 /* style */, 0x736372697074 /* script */, 0x6E6F736372697074 /* noscript */,
             0x74656D706C617465 /* template */:
            return .rawText
        default:
            return .other
        }
    }

    private static func matchesLowercased(_ name: UnsafeBufferPointer<UInt8>, _ literal: StaticString) -> Bool {
        guard name.count == literal.utf8CodeUnitCount else { return false }
        let pointer = literal.utf8Start
        for offset in 0..<name.count where name[offset] | 0x20 != pointer[offset] { return false }
        return true
    }
}
