import Foundation

extension SinkTables {
    /// `digest`, `max_per_hour`, `quiet_hours` and `time_zone`.
    func policy(_ table: TOMLTable, _ sink: Problem) throws(ConfigError) -> DeliveryPolicy {
        var policy = DeliveryPolicy()
        if let value = table["digest"] {
            guard let text = value.string, let period = DurationText.parse(text), period >= .seconds(60), period <= .seconds(86400) else {
                throw sink.error("'digest' must be a duration from \"1m\" to \"1d\", such as \"1h\"")
            }
            policy.digest = period
        }
        if let value = table["max_per_hour"] {
            guard let number = value.int, (1...3600).contains(number) else { throw sink.error("'max_per_hour' must be a number from 1 to 3600") }
            policy.maxPerHour = number
        }
        var timeZone = TimeZone.current
        if let value = table["time_zone"] {
            guard let name = value.string, let zone = TimeZone(identifier: name) else {
                throw sink.error("'time_zone' must be a time zone name such as \"Europe/Kyiv\" or \"UTC\"")
            }
            guard table["quiet_hours"] != nil else { throw sink.error("'time_zone' applies to 'quiet_hours', which is not set") }
            timeZone = zone
        }
        if let value = table["quiet_hours"] {
            guard let text = value.string, let quiet = QuietHours(text, timeZone: timeZone) else {
                throw sink.error("'quiet_hours' must be two times of day such as \"22:00-07:00\"")
            }
            policy.quietHours = quiet
        }
        return policy
    }
}
