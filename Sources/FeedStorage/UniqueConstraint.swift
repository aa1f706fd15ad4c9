import GRDB

/// SQLite's own refusal of a duplicate, turned into the error a user can act on.
///
/// The UNIQUE constraints of the schema (`feeds.url`, `trackers.name`) are what guarantee that
/// no URL or name is stored twice, also when two processes add the same one at once; a check
/// made before the insert could not promise that. Only a UNIQUE violation is mapped: any other
/// failure is rethrown as it came.
enum UniqueConstraint {
    static func inserting<T>(orThrow duplicate: StorageError, _ insert: () throws -> T) throws -> T {
        do {
            return try insert()
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            throw duplicate
        }
    }
}
