import ArticleText
import CLibXML2

/// HTML named entities (`&nbsp;`, `&eacute;`…) as libxml2 entities, so that feeds using them in
/// XML, which XML forbids, still read as the text they meant. Each is a predefined-kind entity
/// whose content is the character itself: libxml2 passes it on as text and never expands
/// anything further.
enum HTMLEntityDeclarations {
    /// The entities, created once; the pointers live as long as the process.
    /// Safe to share between threads: filled once before first use (a `static let` initialiser
    /// runs exactly once, under swift_once), never mutated afterwards, and libxml2 only reads
    /// predefined entities, never writes them.
    private struct Table: @unchecked Sendable {
        let entities: [String: UnsafeMutablePointer<xmlEntity>]
    }

    private static let table: Table = {
        var entities: [String: UnsafeMutablePointer<xmlEntity>] = [:]
        for name in HTMLEntities.names {
            guard let scalar = HTMLEntities.scalar(named: name),
                  let entity = xmlNewEntity(nil, name, Int32(XML_INTERNAL_PREDEFINED_ENTITY.rawValue), nil, nil, String(Character(scalar)))
            else { continue }
            entities[name] = entity
        }
        return Table(entities: entities)
    }()

    static func entity(named name: UnsafePointer<xmlChar>) -> UnsafeMutablePointer<xmlEntity>? {
        table.entities[String(cString: name)]
    }
}
