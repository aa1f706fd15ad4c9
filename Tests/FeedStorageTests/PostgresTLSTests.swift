import FeedModel
import Foundation
import Testing
import TestSupport

@testable import FeedStorage

/// The URL's `sslmode` against a server with TLS (`scripts/pg-cluster` gives the test cluster a
/// self-signed certificate, `POSTGRES_TEST_CA`): what each mode accepts and refuses.
@Suite struct PostgresTLSTests {
    func address(_ mode: PostgresAddress.TLSMode, rootCertificate: String? = nil) throws -> PostgresAddress {
        var address = try PostgresTestServer.createAddress()
        address.tls = mode
        address.rootCertificate = rootCertificate
        return address
    }

    func encrypted(_ store: PostgresStore) throws -> Bool {
        try store.connectionIsEncrypted()
    }

    var certificate: String {
        get throws {
            try #require(ProcessInfo.processInfo.environment["POSTGRES_TEST_CA"], "POSTGRES_TEST_CA names the test server's certificate")
        }
    }

    @Test func eachModeEncryptsAndChecksAsLibpqDoes() throws {
        #expect(try encrypted(PostgresStore(address: address(.require))), "require: encrypted, the certificate not checked")
        #expect(try encrypted(PostgresStore(address: address(.prefer))), "prefer: encrypted when the server offers it")
        #expect(try !encrypted(PostgresStore(address: address(.disable))))
        let verified = try PostgresStore(address: address(.verifyFull, rootCertificate: certificate))
        #expect(try encrypted(verified), "verify-full with the CA that signed the server's certificate")
    }

    @Test func verifyFullRefusesAServerItCannotVerify() throws {
        // The system's roots did not sign the test server's certificate.
        let unverifiable = try address(.verifyFull)
        #expect {
            try PostgresStore(address: unverifiable)
        } throws: { error in
            guard case .cannotOpen(let path, let reason) = error as? StorageError else { return false }
            return path == unverifiable.description && !reason.isEmpty
        }
        // A CA file that cannot be read is named.
        #expect {
            try PostgresStore(address: address(.verifyFull, rootCertificate: "/nonexistent/ca.pem"))
        } throws: { error in
            guard case .cannotOpen(_, let reason) = error as? StorageError else { return false }
            return reason.contains("TLS")
        }
    }
}
