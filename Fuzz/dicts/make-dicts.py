#!/usr/bin/env python3
"""Writes the libFuzzer dictionaries in this folder (one per target) from the token lists below.

libFuzzer accepts only printable ASCII between the quotes, so other bytes are written as \\xNN
(UTF-8), each such entry under a comment showing it readably. Edit here, then run
`python3 Fuzz/dicts/make-dicts.py` and commit both.
"""
import os

# Digits and numbers from every corner: other scripts, compatibility forms, signs, sizes that
# overflow Int (20 digits) or Double (1e400; libFuzzer drops entries over 64 bytes, so the
# 400-digit numbers are in the seeds, and these 64-digit runs grow by repeated insertion), and
# the spellings of non-finite values.
NUMBERS = [
    "0", "1", "9", "00", "09", "10", "12", "24", "59", "60", "61", "99", "100", "999", "1000", "9999",
    "2026", "0000", "1,000", "1.5", ".5", "0.0", "1e3", "e308", "1e308", "1e400", "-1e400", "1e-400",
    "9223372036854775807", "9223372036854775808", "-9223372036854775808", "18446744073709551616",
    "99999999999999999999", "1" + "0" * 63, "9" * 64, "0." + "0" * 62,
    "NaN", "nan", "inf", "-inf", "Infinity", "+", "-", "±", "−", "–", "+0", "-0", ".", ",", "'", "_",
    "٠", "١", "٢", "٣", "٩", "٠١٢٣", "۰", "۱", "۲", "۹", "०", "१", "२", "९", "๐", "๑", "๒", "๙",
    "０", "１", "２", "９", "１２", "¹", "²", "³", "⁰", "₀", "₂", "½", "¼", "¾", "⅓", "⅞", "Ⅻ", "Ⅳ", "ⅷ",
    "①", "⑳", "𝟎", "𝟗", "߀", "᠐", "፩", "〇", "一", "万", "亿", "\u00a0", "\u202f", "\u2009",
]

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
          "January", "February", "November", "december", "NOV"]
WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "Monday", "Saturday", "sat,"]
ZONES = ["GMT", "UTC", "UT", "Z", "z", "EST", "EDT", "CST", "PST", "PDT", "CET", "CEST", "EET", "EEST",
         "MSK", "BST", "IST", "XYZ", "GMT+", "UTC+3", "GMT+0300", "+0000", "+0300", "-0500", "+03:00",
         "-05:00", "+05:30", "+2400", "+9999", "-99:99", "+٠٣٠٠", "+０３:００", "+۰۳۳۰", "(MSK)",
         "(Greenwich Mean Time)"]
DATES = MONTHS + WEEKDAYS + ZONES + [
    "T", "t", ":", "-", " ", ",", "(", ")", ".000", ".123456789", "24:00:00", "23:59:60", "00:00",
    "08:15:00", "2026-11-21", "2026-11-21T08:15:00", "21 Nov 2026", "29 Feb", "2028-02-29",
    "0000-00-00", "9999-12-31", "99", "-0001",
]

ENTITIES = ["&nbsp;", "&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&#39;", "&#x27;", "&#10;", "&#13;",
            "&#0;", "&#x0;", "&#xD800;", "&#xDFFF;", "&#x10FFFF;", "&#x110000;", "&#99999999999;",
            "&#x99999999999;", "&#-1;", "&#;", "&#x;", "&hellip;", "&mdash;", "&euro;", "&pound;",
            "&frac12;", "&sup2;", "&NotANamedEntity;", "&amp", "&nbsp", "&"]

HTML = ENTITIES + [
    "<p>", "</p>", "<br>", "<br/>", "<div>", "</div>", "<li>", "<h1>", "<td>", "<a href=\"", "\">", "</a>",
    "<img src=\"x\" alt=\"", "<script>", "</script>", "<style>", "</style>", "<!--", "-->", "<![CDATA[",
    "]]>", "<", ">", "</", "/>", "<b>", "<pre>", "<title>", "<template>", "<noscript>",
    ". ", "! ", "? ", "…", "。", "\n", "\r\n", "\t", "\u2028", "\u3000", "\u200b", "\ufeff",
    "\u0301", "\u202e", "Mr. ", "U.S. ", "Nov. 26", "1.2 million", "e.g. ", "\"", "”", "»", ")",
]

FIGURES = NUMBERS + [
    "thousand", "million", "billion", "trillion", "hundred", "dozen", "k", "m", "b", "bn", "mn", "mln",
    "bln", "tn", "trn", "$", "€", "£", "₽", "₴", "¥", "₹", "US$", "C$", "USD", "EUR", "GBP", "RUB", "UAH",
    "dollars", "euros", "roubles", "hryvnias", "%", "per cent", "percent", "pct", "pc", "percentage points",
    "more than", "at least", "up to", "nearly", "about", "some", "fewer than", "an estimated", "as many as",
    "one", "two", "twenty", "twenty-five", "ninety-nine", "half a", "a million", "and", "hundred and",
    "killed", "wounded", "people", "troops", "Article 5", "in May", "1990s", "21st", "5 p.m.", "0600 GMT",
    "14:00", "2022", " ", "-", "–", "/", "x", "×", "~", "≈", ". ", "\n",
    # What a figure is in its sentence: moves, levels, ages, magnitudes, ranks, parts; and who says so.
    "rose", "fell", "gained", "lowered", "to", "from", "by", "down from", "up", "another", "or", "points",
    "an increase of", "a 5% rise", "-year-old", "years old", "aged", "magnitude", "on the Richter scale",
    "top", "the 10 largest", "of the", "out of", "including", "of which", "Of the", ", 54,", "Smith",
    "denied", "dismissed claims that", "voted down", "proposed", "expect", "forecast", "said", "according to",
    "claimed", "would",
] + MONTHS

SEARCH = [
    "\"", "\"\"", "*", "**", " OR ", "OR", "or", " ", "\t", "\u3000", "-", ":", "^", "(", ")", "NEAR(", "AND", "NOT",
    "title:", "{title text}:", "+", "Z\u00fcrich", "\u0417\u0435\u043b\u0435\u043d\u0441\u043a\u0438\u0439",
    "\u0669", "\u216b", "e\u0301", "\U0001F1FA\U0001F1E6", "\u0000",
]

DISCOVERY = ENTITIES + [
    "<link", "<LINK", " rel=\"alternate\"", " rel=alternate", " REL='Alternate'", " type=\"application/rss+xml\"",
    " type=application/atom+xml", " type=\"application/feed+json\"", " type=\"text/xml; charset=utf-8\"", " href=\"",
    " href=", " title=\"", "/feed.xml", "//cdn.example/f", "https://a.example/rss", "javascript:", "file:///etc/passwd",
    "<!--", "-->", "<script>", "</script>", "<style>", "</style>", "</head>", "<head>", "<body>", "<html>", ">", "/>", "\"",
    "'", "=", " ", "\n", "&amp;", "&#38;", "&#x26;", "?a=1&b=2", "#frag", "..", "%2e%2e",
]

HEADERS = [
    ":", ": ", "X-Api-Key", "User-Agent", "Authorization", "Host", "host", "Content-Length", "\r", "\n", "\r\n", "\u0000",
    "\t", "\u007f", "\u00e9", "user:pass", "user:", ":pass", "Bearer ", "=", "\u2028",
]

OPML = ENTITIES + [
    "<?xml version=\"1.0\"?>", "<?xml version=\"1.0\" encoding=\"windows-1251\"?>", "<opml", "<opml version=\"2.0\">",
    "</opml>", "<head>", "<title>", "</title>", "</head>", "<body>", "</body>", "<outline", "</outline>", "/>",
    ">", " text=\"", " title=\"", " type=\"rss\"", " type=\"atom\"", " type=\"link\"", " xmlUrl=\"",
    " xmlurl=\"", " htmlUrl=\"", " category=\"", "\"", "'", "https://", "http://", "file:///", "feed://",
    "https://a.example/feed.xml", "<!DOCTYPE opml [<!ENTITY a \"b\">]>", "<![CDATA[", "]]>", "xmlns:x=\"urn:x\"",
    "x:outline", "\n", "&#10;", ",", "/", " interval=\"", " htmlurl=\"", "/News/Europe,war", ",,/", "999999999",
    "9999999999", "0", "900", "\u0669\u0660\u0660", "15m",
]

CONFIG = [
    "database", "alert_log", "log_level", "trace", "debug", "info", "critical", "[polling]", "[metrics]",
    "listen", "127.0.0.1:9464", "localhost:0", "[::1]:1", "interval", "concurrency", "per_host",
    "connect_timeout", "timeout", "max_body", "failure_alert_after", "max_backoff", "max_server_wait", "user_agent", "\\r\\nX: 1",
    "[[sink]]", "[sink]", "sink = []", "name", "type", "exec", "webhook", "command", "kinds", "trackers",
    "url", "secret", "headers", "keyword.matched", "feed.failing", "feed.recovered", "figure.changed",
    "\"/usr/local/bin/notify\"", "\"https://hooks.example/x\"", "{ Authorization = \"Bearer x\" }",
    "X-FeedWatch-Signature", "Content-Type", " = ", "=", "\"", "'", "'''", "\"\"\"", "[", "]", "{", "}", ",",
    "#", "\n", "\r\n", "\\u0000", "\\U0010FFFF", "\\uD800", "\\", "true", "false", "0x7fffffffffffffff",
    "9223372036854775807", "-9223372036854775808", "1e400", "inf", "nan", "1979-05-27T07:32:00Z", "a.b.c",
    "\"15m\"", "\"1h30m\"", "\"16MB\"", "\"1d\"", "\"99999999999999999999s\"", "\"٣m\"", "\"512KiB\"", "~/",
    "../", "/",
]

DURATIONS = NUMBERS + ["s", "m", "h", "d", "w", "ms", "k", "kb", "kib", "mb", "mib", "g", "gb", "gib", "b",
                       "K", "MB", "GiB", "S", "H", "15m", "1h30m", "90s", "1d", "2w", "16MB", "512KiB",
                       "1048576", " ", "\t", "\u00a0"]

RETRY_AFTER = NUMBERS + WEEKDAYS + MONTHS + ["Wed, 25 Nov 2026 08:00:00 GMT", "GMT", "UTC", ", ", " ",
                                              ":", "00:00:00", "23:59:60", "1994", "9999", "\t"]

FEEDS_XML = [
    "<?xml version=\"1.0\" encoding=\"windows-1251\"?>", "<rss version=\"2.0\">", "<channel>", "<item>", "<guid>",
    "<title>", "<description>", "<pubDate>", "<feed xmlns=\"http://www.w3.org/2005/Atom\">", "<entry>",
    "<content type=\"xhtml\">", "xml:base=\"", "<!DOCTYPE x [<!ENTITY a \"b\">]>", "<![CDATA[", "]]>",
]
FEEDS_JSON = [
    "{\"version\":\"https://jsonfeed.org/version/1\",", "{\"version\":\"https://jsonfeed.org/version/1.1\",",
    "{\"version\":\"https://jsonfeed.org/version/1\",\"items\":[{\"id\":1}]}",
    "\"title\":", "\"home_page_url\":", "\"feed_url\":", "\"items\":[", "\"id\":", "\"url\":",
    "\"external_url\":", "\"content_html\":", "\"content_text\":", "\"summary\":", "\"date_published\":",
    "\"date_modified\":", "\"authors\":[{\"name\":", "\"author\":{\"name\":", "\"tags\":[", "\"language\":",
    "\"2026-11-21T08:15:00Z\"", "\"\\u0000\"", "\"\\ud800\"", "\"\\ud83d\\ude00\"", "null", "true", "1e400",
    "99999999999999999999", "[", "]", "{", "}", ":", ",", "\"",
]
FEED_XML_EXTRA = [
    "<ttl>", "</ttl>", "<ttl>99999999999999999</ttl>", "<ttl>153722867280912931</ttl>", "<lastBuildDate>",
    "<sy:updatePeriod>", "<sy:updateFrequency>", "xmlns:sy=\"http://purl.org/rss/1.0/modules/syndication/\"",
    "<dc:date>", "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"", "<updated>", "<published>",
    "Sat, 21 Nov 2026 08:15:00 +٠٣٠٠", "2026-11-21T08:15:00+٠٣:٠٠", "<rdf:RDF", "<content:encoded>",
]


def escape(token):
    out = []
    for byte in token.encode("utf-8"):
        if byte in (0x22, 0x5C):
            out.append("\\" + chr(byte))
        elif 0x20 <= byte < 0x7F:
            out.append(chr(byte))
        else:
            out.append("\\x%02x" % byte)
    return "".join(out)

# Feed URLs as people type them and servers redirect to them: schemes, hosts in other scripts,
# ports, percent-escapes, control characters, bidirectional overrides and white space.
URLS = [
    "http://", "https://", "file://", "file:", "ftp://", "gopher://", "javascript:", "HTTP://", "//",
    "example.com", "xn--", "xn--e1afmkfd.xn--p1ai", "пример.рф", "bücher.example", "例え.テスト", "[::1]",
    "127.0.0.1", "localhost", ":8080", ":0", ":65536", ":99999999999999999999", "@", "user:pass@", "/", "?",
    "#", "&", "=", "%", "%20", "%0A", "%00", "%E2%80%AE", "%zz", "\n", "\r", "\t", "\x00", " ", "\u00a0",
    "\u2028", "\u202e", "\u200f", "\x1b[2J", "..", "/../", "\\", "<", ">", "\"", "'",
]


def write(name, tokens, header):
    here = os.path.dirname(os.path.abspath(__file__))
    lines = ["# " + header, "# Generated by make-dicts.py; edit the lists there.", ""]
    seen = set()
    for token in tokens:
        assert len(token.encode("utf-8")) <= 64, token
        if token in seen or token == "":
            continue
        seen.add(token)
        readable = token.isascii() and token.isprintable()
        if not readable and len(token) < 80:
            lines.append("# " + repr(token)[1:-1])
        lines.append('"%s"' % escape(token))
    with open(os.path.join(here, name), "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    write("feeds.dict", FEEDS_XML + FEEDS_JSON + FEED_XML_EXTRA + ENTITIES + ZONES,
          "FeedParserFuzz: RSS/Atom/RDF and JSON Feed.")
    write("dates.dict", DATES + NUMBERS, "FeedDateFuzz: RFC 822 and RFC 3339 dates.")
    write("html.dict", HTML, "HTMLTextFuzz: HTML fragments, entities, sentences, white space.")
    write("figures.dict", FIGURES, "FigureFuzz: counts, percentages and sums of money in English text.")
    write("opml.dict", OPML, "OPMLFuzz: OPML subscription lists.")
    write("config.dict", CONFIG, "ConfigFuzz: the TOML config file (keys from Config/feedwatch.toml and SinkTables).")
    write("durations.dict", DURATIONS, "DurationFuzz: durations and byte sizes.")
    write("retry-after.dict", RETRY_AFTER, "RetryAfterFuzz: Retry-After as delay-seconds or an IMF-fixdate.")
    write("search.dict", SEARCH, "SearchQueryFuzz: what a person types to `articles --search`.")
    write("discovery.dict", DISCOVERY, "FeedDiscoveryFuzz: web pages read for the feeds they link.")
    write("headers.dict", HEADERS, "RequestHeaderFuzz: feed add --header and credentials files.")
    write("urls.dict", URLS, "URLFuzz: feed URLs from the command line, OPML, lists and redirects.")
