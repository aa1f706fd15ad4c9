import ArticleText
import Testing

@Suite struct ContentHashTests {
    @Test func isSHA256OfNormalisedTitleAndBody() {
        // printf 'a title\nsome body' | sha256sum
        #expect(
            ContentHash.of(title: "A  Title", body: " Some\u{00A0}BODY ")
                == "b48cdc700280cd53c48bad186ab1bd837b5a09a458a658a8a1a37feebf531816")
    }

    @Test func sameStoryWithOtherMarkupHashesTheSame() {
        let plain = HTMLText.plainText(fromHTML: "<p>Shelling near the plant’s line, IAEA experts said.</p>")
        let marked = HTMLText.plainText(
            fromHTML: "<p class=\"lead\"><strong>Shelling</strong> near the plant&#8217;s line, IAEA&nbsp;experts <em>said</em>.</p>")
        #expect(ContentHash.of(title: "Title", body: plain) == ContentHash.of(title: "TITLE", body: marked))
    }

    @Test func unicodeIsNormalised() {
        // Decomposed é, a ligature and full-width letters fold to the same text.
        #expect(ContentHash.normalize("Caf\u{0065}\u{0301} \u{FB01}nal ＡＢ") == "café final ab")
    }

    @Test func caseIsFoldedBeyondASCII() {
        #expect(ContentHash.normalize("ЗАПОРІЖЖЯ Straße") == ContentHash.normalize("запоріжжя STRASSE"))
    }

    @Test func invisibleCharactersAreIgnored() {
        #expect(ContentHash.normalize("cease\u{00AD}fire\u{200B}") == "ceasefire")
    }

    @Test func differentTextHashesDifferently() {
        #expect(ContentHash.of(title: "Troops", body: "600,000") != ContentHash.of(title: "Troops", body: "800,000"))
    }

    @Test func digestIsLowercaseHex() {
        // Known vector: SHA-256 of "abc".
        #expect(SHA256Digest.hex(of: "abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}

@Suite struct ContentHashPathsTests {
    /// The one-pass path and the general path must give the same hash for every kind of text.
    @Test(arguments: [
        ("Ceasefire TALKS", "Body  text\nwith\tspaces."),
        ("КИЇВ: ЗАЯВА", "Зеленський ЗАЯВИВ про 600 000 військових."),
        ("ﬁnance ﬂows", "Ligatures ﬃ and full-width ＡＢＣ and ß."),
        ("\u{FDFA}", "\u{FDFA}\u{FDFA}\u{FDFA} expands eighteenfold"),
        ("Cafe\u{301} au lait", "Composing marks take the general path."),
        ("", ""),
        ("soft\u{AD}hyphen zero\u{200B}width", "\u{A0}leading and trailing\u{3000}"),
    ])
    func onePassMatchesGeneral(title: String, body: String) {
        let general = SHA256Digest.hex(of: Array((ContentHash.normalize(title) + "\n" + ContentHash.normalize(body)).utf8))
        #expect(ContentHash.of(title: title, body: body) == general)
    }
}
