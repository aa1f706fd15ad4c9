import AlertHooks
import Foundation
import Testing

@Suite struct HookSignatureTests {
    /// RFC 4231, test case 2.
    @Test func matchesThePublishedHMACVector() {
        #expect(HookSignature.header(secret: "Jefe", body: Array("what do ya want for nothing?".utf8))
            == "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }
}
