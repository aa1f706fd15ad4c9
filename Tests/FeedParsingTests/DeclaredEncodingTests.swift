@testable import FeedParsing
import Testing

/// The encoding an XML declaration names, as the bytes of a document's first 512 give it.
@Suite struct DeclaredEncodingTests {
    @Test(arguments: [
        (#"<?xml version="1.0" encoding="windows-1251"?><rss/>"#, "windows-1251"),
        (#"<?xml version='1.0' encoding='KOI8-R'?>"#, "KOI8-R"),
        (#"<?xml version="1.0" encoding = "utf-8" ?>"#, "utf-8"),
        (#"<?xml version="1.0" encoding=="latin1"?>"#, "latin1"),
        (#"  <?xml version="1.0" encoding="UTF-8"?>"#, "UTF-8"),
        (#"<?xml version="1.0" encoding="unterminated?>"#, "unterminated"),
        (#"<?xml version="1.0" encoding="Київ"?>"#, "Київ"),
    ])
    func readsTheDeclaredName(document: String, name: String) {
        #expect(DocumentEncoding.declaredEncoding(Array(document.utf8)) == name)
    }

    @Test(arguments: [
        #"<?xml version="1.0"?><rss encoding="x"/>"#,  // after the declaration
        #"<?xml version="1.0" encoding=""?>"#, #"<?xml version="1.0" encoding=utf-8?>"#, #"<?xml version="1.0" encoding="#,
        String(repeating: " ", count: 500) + #"<?xml version="1.0" encoding="x"?>"#,  // ends past 512 bytes
        "", "<?xml", "<?xml?>", "encoding=\"x\"?>",
    ])
    func findsNoNameWhereThereIsNone(document: String) {
        #expect(DocumentEncoding.declaredEncoding(Array(document.utf8)) == nil)
    }
}
