@testable import ArticleText
import Testing

/// The folds made once for the common scripts are those the cache computes, character by character.
@Suite struct CommonFoldsTests {
    @Test func everyMappedCharacterBelowU3000FoldsAsTheCacheFoldsIt() {
        var mapped = 0
        for value in UInt32(0)..<0x3000 {
            let range = CommonFolds.table.range(of: value)
            guard ScalarClass.of(value) == .mapped else {
                #expect(range == nil, "U+\(String(value, radix: 16)) is not mapped")
                continue
            }
            mapped += 1
            let fold = range.map { Array(CommonFolds.table.bytes[$0]) }
            #expect(fold == FoldCache.shared.folded(value), "U+\(String(value, radix: 16))")
        }
        #expect(mapped > 1_000)
        #expect(CommonFolds.table.range(of: 0x3000) == nil)
    }

    @Test(arguments: [("ÀÉÎÕÜ", "àéîõü"), ("КИЇВ", "київ"), ("ΣΟΦΙΑ", "σοφια"), ("ﬁ Ⅻ ㈱", "fi xii (株)"), ("İ", "i̇")])
    func capitalsOfCommonScriptsFold(text: String, normalized: String) {
        #expect(ContentHash.normalize(text) == normalized)
    }
}
