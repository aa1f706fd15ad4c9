import FeedModel

/// Everything the daemon and the CLI take from flags, the config file and defaults,
/// in that order of precedence.
public struct Settings: Sendable, Equatable {
    /// The `database` setting: an SQLite file's absolute path, or a `postgresql://` URL.
    public var databasePath: String
    /// The PostgreSQL server when `databasePath` is a URL; nil: SQLite.
    public var postgres: PostgresAddress?
    /// Where the daemon marks the feed bodies it is reading (`InFlightMarkers`): beside an
    /// SQLite database, else in the state directory, since each machine reads its own.
    public var inFlightDirectory: String
    public var alertLogPath: String
    /// The config file that was read, if any.
    public var configPath: String?
    public var logLevel: String = "info"
    public var polling = PollingSettings()
    /// `host:port` of the Prometheus endpoint (loopback only); nil: off.
    public var metricsListen: String?
    /// Alert hooks (`[[sink]]`), in the order of the config file.
    public var sinks: [SinkSettings] = []
    /// Article bodies older than this are dropped (`retention`); nil keeps them for ever.
    public var retention: Duration?

    /// The database for messages: the path, or the URL without its password.
    public var databaseShown: String { postgres?.description ?? databasePath }

    public init(databasePath: String, alertLogPath: String, configPath: String? = nil) {
        self.databasePath = databasePath
        inFlightDirectory = databasePath + ".inflight"
        self.alertLogPath = alertLogPath
        self.configPath = configPath
    }
}

/// How feeds are polled.
public struct PollingSettings: Sendable, Equatable {
    /// For feeds added without `--interval`.
    public var defaultInterval: Duration = .seconds(15 * 60)
    public var maxConnections = 32
    public var maxConnectionsPerHost = 2
    public var connectTimeout: Duration = .seconds(15)
    public var timeout: Duration = .seconds(60)
    public var maxBodyBytes = 16 << 20
    /// Consecutive failures after which `feed.failing` is raised.
    public var failureAlertThreshold = 5
    /// The longest a failing feed waits between attempts.
    public var maxBackoff: Duration = .seconds(6 * 3600)
    /// The longest wait a server can impose: `Retry-After` (on a feed, it pauses the whole host),
    /// RSS `<ttl>`, `sy:updatePeriod` and `Cache-Control: max-age`. A server that asks for longer
    /// gets this, so no answer can silence a feed or a host for good.
    public var maxServerWait: Duration = .seconds(24 * 3600)
    /// With PostgreSQL, how long a daemon keeps the due feeds and deliveries it took before
    /// another daemon may take them (it gives them back as soon as it is done).
    public var lease: Duration = .seconds(300)
    /// The `User-Agent` of feed requests; nil: FeedWatch's own (`FeedWatch/VERSION (news-feed monitor)`).
    public var userAgent: String?

    public init() {}
}
