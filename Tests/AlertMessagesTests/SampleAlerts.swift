/// Alerts as the alert log writes them, one of each kind.
enum SampleAlerts {
    static let figureChanged = #"{"article":{"content_hash":"9f2c","id":41,"title":"Ministry raises the cap","url":"https://kyivwire.example/a/41"},"change":{"delta":200000,"ratio":0.3333333333333333},"current":{"article_url":"https://kyivwire.example/a/41","sentence":"The ministry raised the cap to 800,000 troops on Monday.","text":"800,000","unit":"count","value":800000},"feed":{"id":3,"title":"Kyiv Wire","url":"https://kyivwire.example/feed.xml"},"id":"f1e2d3","kind":"figure.changed","previous":{"article_url":"https://kyivwire.example/a/12","seen":"2026-11-20T08:00:00Z","text":"600,000","unit":"count","value":600000},"time":"2026-11-23T19:10:00Z","tracker":"troop-cap"}"#

    static let firstSeen = #"{"current":{"sentence":"About 1,200 people were evacuated.","text":"1,200","unit":"count","value":1200},"feed":{"id":3,"url":"https://news.example/rss"},"id":"aa01","kind":"figure.first_seen","time":"2026-11-23T19:10:00Z","tracker":"evacuated"}"#

    static let keyword = #"{"article":{"content_hash":"77","id":9,"title":"Talks on a truce <resume>","url":"https://wire.example/truce?a=1&b=2"},"excerpt":"Envoys met in Geneva to discuss a \"truce\".","feed":{"id":1,"title":"Wire & Co","url":"https://wire.example/feed"},"id":"k9","kind":"keyword.matched","matched":["truce","ceasefire"],"time":"2026-11-23T19:10:00Z","tracker":"truce"}"#

    static let failing = #"{"feed":{"id":5,"url":"https://down.example/feed.xml"},"id":"ff5","kind":"feed.failing","message":"5 consecutive failures; last: HTTP 503","time":"2026-11-23T19:10:00Z","tracker":null}"#

    static let recovered = #"{"feed":{"id":5,"title":"Down Daily","url":"https://down.example/feed.xml"},"id":"fr5","kind":"feed.recovered","message":"fetched again after 7 failures","time":"2026-11-23T20:10:00Z","tracker":null}"#
}
