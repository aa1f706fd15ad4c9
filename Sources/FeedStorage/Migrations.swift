import GRDB

/// The schema, as an append-only list of named migrations: never edit a shipped one.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-feeds-articles-trackers-alerts") { db in
            try db.execute(sql: """
                CREATE TABLE feeds (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    url TEXT NOT NULL UNIQUE,
                    title TEXT,
                    title_is_custom BOOLEAN NOT NULL DEFAULT 0,
                    interval_seconds INTEGER,
                    tags TEXT NOT NULL DEFAULT '[]',
                    added_at DATETIME NOT NULL,
                    etag TEXT,
                    last_modified TEXT,
                    body_hash TEXT,
                    last_fetch_at DATETIME,
                    last_success_at DATETIME,
                    last_status INTEGER,
                    last_error TEXT,
                    consecutive_failures INTEGER NOT NULL DEFAULT 0,
                    next_fetch_at DATETIME NOT NULL
                );
                CREATE INDEX feeds_next_fetch ON feeds(next_fetch_at);

                CREATE TABLE articles (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    content_hash TEXT NOT NULL UNIQUE,
                    title TEXT,
                    url TEXT,
                    published DATETIME,
                    updated DATETIME,
                    author TEXT,
                    summary TEXT,
                    content TEXT,
                    text TEXT NOT NULL,
                    categories TEXT NOT NULL DEFAULT '[]',
                    first_seen DATETIME NOT NULL,
                    feed_id INTEGER REFERENCES feeds(id) ON DELETE SET NULL
                );
                CREATE INDEX articles_first_seen ON articles(first_seen);

                CREATE TABLE article_sources (
                    feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
                    guid TEXT NOT NULL,
                    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                    link TEXT,
                    seen_at DATETIME NOT NULL,
                    PRIMARY KEY (feed_id, guid)
                );
                CREATE INDEX article_sources_article ON article_sources(article_id);

                CREATE TABLE trackers (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    name TEXT NOT NULL UNIQUE,
                    kind TEXT NOT NULL,
                    rule TEXT NOT NULL,
                    created_at DATETIME NOT NULL
                );

                CREATE TABLE alerts (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    id TEXT NOT NULL UNIQUE,
                    time DATETIME NOT NULL,
                    kind TEXT NOT NULL,
                    tracker_id INTEGER,
                    tracker_name TEXT,
                    feed_id INTEGER,
                    article_id INTEGER,
                    body TEXT NOT NULL,
                    logged BOOLEAN NOT NULL DEFAULT 0,
                    UNIQUE (tracker_id, article_id)
                );
                CREATE INDEX alerts_time ON alerts(time);
                CREATE INDEX alerts_unlogged ON alerts(logged) WHERE logged = 0;

                CREATE TABLE daemon_status (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    pid INTEGER NOT NULL,
                    started_at DATETIME NOT NULL,
                    heartbeat_at DATETIME NOT NULL,
                    last_cycle_at DATETIME,
                    last_cycle_seconds DOUBLE,
                    stopped_at DATETIME
                );
                """)
        }
        migrator.registerMigration("v2-redirects-intervals-host-pauses") { db in
            try db.execute(sql: """
                ALTER TABLE feeds ADD COLUMN redirect_candidate TEXT;
                ALTER TABLE feeds ADD COLUMN server_interval_seconds INTEGER;
                CREATE TABLE host_pauses (
                    host TEXT PRIMARY KEY,
                    until DATETIME NOT NULL,
                    reason TEXT NOT NULL
                );
                """)
        }
        migrator.registerMigration("v3-figure-observations-revisions") { db in
            try db.execute(sql: """
                CREATE TABLE figure_observations (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    tracker_id INTEGER NOT NULL REFERENCES trackers(id) ON DELETE CASCADE,
                    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                    feed_id INTEGER REFERENCES feeds(id) ON DELETE SET NULL,
                    value DOUBLE NOT NULL,
                    unit TEXT NOT NULL,
                    text TEXT NOT NULL,
                    sentence TEXT NOT NULL,
                    article_url TEXT,
                    published DATETIME,
                    seen_at DATETIME NOT NULL,
                    raised TEXT,
                    UNIQUE (tracker_id, article_id)
                );
                CREATE INDEX figure_observations_reported ON figure_observations(tracker_id, id) WHERE raised IS NOT NULL;
                ALTER TABLE articles ADD COLUMN revision_of INTEGER REFERENCES articles(id) ON DELETE SET NULL;
                CREATE INDEX articles_revisions ON articles(revision_of) WHERE revision_of IS NOT NULL;
                """)
        }
        // One row per alert and hook, created in the transaction that marks the alert logged.
        // A sink removed from the config keeps its pending rows (`feedwatch status` lists them).
        migrator.registerMigration("v4-alert-outbox") { db in
            try db.execute(sql: """
                CREATE TABLE alert_outbox (
                    alert_id TEXT NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
                    sink TEXT NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    next_attempt_at DATETIME NOT NULL,
                    last_attempt_at DATETIME,
                    last_error TEXT,
                    delivered_at DATETIME,
                    created_at DATETIME NOT NULL,
                    PRIMARY KEY (alert_id, sink)
                );
                CREATE INDEX alert_outbox_pending ON alert_outbox(sink) WHERE delivered_at IS NULL;
                """)
        }
        // A feed body that was being read when the process died is skipped until it changes;
        // the daemon records why alerts wait unlogged (a full disk) for `feedwatch status`.
        migrator.registerMigration("v5-quarantine-alert-log-state") { db in
            try db.execute(sql: """
                ALTER TABLE feeds ADD COLUMN quarantined_body_hash TEXT;
                ALTER TABLE feeds ADD COLUMN quarantined_at DATETIME;
                ALTER TABLE daemon_status ADD COLUMN alert_log_error TEXT;
                """)
        }
        // Articles take a third of the room: summary, content and text in one compressed body
        // (see ArticleBody), content hashes as 32-byte blobs. Old rows keep their plain columns.
        migrator.registerMigration("v6-compact-articles") { db in
            try db.execute(sql: "ALTER TABLE articles ADD COLUMN body BLOB")
            let hashes = try Row.fetchAll(db, sql: "SELECT id, content_hash FROM articles WHERE typeof(content_hash) = 'text'")
            let update = try db.makeStatement(sql: "UPDATE articles SET content_hash = ? WHERE id = ?")
            for row in hashes {
                try update.execute(arguments: [ContentHashColumn.stored(row["content_hash"]), row["id"] as Int64])
            }
        }
        // What a figure is in its sentence (a level, a level after change, a total...), and
        // whether the sentence reports it, denies it or forecasts it, and on whose word.
        migrator.registerMigration("v7-analyst-figure-readings") { db in
            try db.execute(sql: """
                ALTER TABLE figure_observations ADD COLUMN role TEXT;
                ALTER TABLE figure_observations ADD COLUMN status TEXT;
                ALTER TABLE figure_observations ADD COLUMN attribution TEXT;
                """)
        }
        // Reworded copies of one story: each article's text fingerprint (`StoryFingerprint`) and
        // the story it belongs to (the id of its first article; null: its own); each alert on an
        // article names its story, so "has this tracker alerted on the story" is one lookup.
        migrator.registerMigration("v7-analyst-stories") { db in
            try db.execute(sql: """
                ALTER TABLE articles ADD COLUMN fingerprint INTEGER;
                ALTER TABLE articles ADD COLUMN story_id INTEGER;
                CREATE INDEX articles_story ON articles(story_id) WHERE story_id IS NOT NULL;
                ALTER TABLE alerts ADD COLUMN story_id INTEGER;
                UPDATE alerts SET story_id = (SELECT COALESCE(a.revision_of, a.id) FROM articles a WHERE a.id = alerts.article_id)
                WHERE article_id IS NOT NULL;
                CREATE INDEX alerts_tracker_story ON alerts(tracker_id, story_id) WHERE story_id IS NOT NULL;
                """)
        }
        // The messages a rate-limited sink sent in the last hour (`max_per_hour`); older rows
        // are deleted as new ones are written.
        migrator.registerMigration("v7-sinks-messages") { db in
            try db.execute(sql: """
                CREATE TABLE sink_messages (
                    id INTEGER PRIMARY KEY,
                    sink TEXT NOT NULL,
                    sent_at DATETIME NOT NULL,
                    alerts INTEGER NOT NULL
                );
                CREATE INDEX sink_messages_by_time ON sink_messages(sink, sent_at);
                """)
        }
        // Tags on trackers (`feedwatch tracker tag`), for sinks that route by them.
        migrator.registerMigration("v7-sinks-tracker-tags") { db in
            try db.execute(sql: "ALTER TABLE trackers ADD COLUMN tags TEXT NOT NULL DEFAULT '[]'")
        }
        // A feed the user paused is kept, with its articles, and not polled until resumed; a
        // tracker may read only some feeds (JSON `{"feeds":[ids],"tags":[names]}`, NULL for all);
        // a feed's site (OPML's htmlUrl) is kept for the export; a feed may carry request headers
        // of its own, the path of a credentials file and a proxy.
        migrator.registerMigration("v7-daily-feed-options") { db in
            try db.execute(sql: """
                ALTER TABLE feeds ADD COLUMN paused_at DATETIME;
                ALTER TABLE trackers ADD COLUMN scope TEXT;
                ALTER TABLE feeds ADD COLUMN html_url TEXT;
                ALTER TABLE feeds ADD COLUMN request_headers TEXT NOT NULL DEFAULT '{}';
                ALTER TABLE feeds ADD COLUMN credentials_file TEXT;
                ALTER TABLE feeds ADD COLUMN proxy TEXT;
                """)
        }
        // Full-text search over titles and texts: words, not substrings, whatever their case or
        // diacritics. Contentless (the texts stay compressed in `articles.body`); articles are
        // only ever inserted, so the index needs no delete. Existing articles are indexed here.
        migrator.registerMigration("v7-daily-article-search") { db in
            try db.execute(sql: """
                CREATE VIRTUAL TABLE article_search USING fts5(
                    title, text, content='', tokenize='unicode61 remove_diacritics 2');
                """)
            let rows = try Row.fetchCursor(db, sql: "SELECT * FROM articles")
            let index = try db.makeStatement(sql: "INSERT INTO article_search (rowid, title, text) VALUES (?, ?, ?)")
            while let row = try rows.next() {
                // A damaged body (see ArticleRecord) leaves that article out of the index, not the database unopenable.
                guard let article = try? ArticleRecord(row: row) else { continue }
                try index.execute(arguments: [article.id, article.title ?? "", article.text])
            }
        }
        // The search index merges its segments less eagerly: sixteen of a size before they are
        // merged (SQLite's default is four), thirty-two before a write must merge them at once.
        // A cold start indexes a hundred thousand articles; merging less often takes a quarter
        // off the index's cost. A query reads a few more segments until `feedwatch vacuum`
        // merges them all.
        migrator.registerMigration("v8-search-merges") { db in
            try db.execute(sql: """
                INSERT INTO article_search (article_search, rank) VALUES ('automerge', 16);
                INSERT INTO article_search (article_search, rank) VALUES ('crisismerge', 32);
                """)
        }
        // The search index moved to a file of its own (`SearchIndex`), which indexes the store's
        // articles again from its first use on.
        migrator.registerMigration("v9-search-own-file") { db in
            try db.execute(sql: "DROP TABLE IF EXISTS article_search")
        }
        return migrator
    }
}
