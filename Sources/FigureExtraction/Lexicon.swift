/// The words and signs the figure grammar knows, in English as wire services write it.
enum Lexicon {
    /// Powers of ten written after a number: "1.2 million", "$5m", "£2bn", "50k".
    static let magnitudeWords: [String: Int] = [
        "thousand": 3, "million": 6, "billion": 9, "trillion": 12,
        "mn": 6, "mln": 6, "bn": 9, "bln": 9, "tn": 12, "trn": 12,
    ]
    /// Magnitudes only read when glued to the digits ("5m", "50k"); apart they are metres or kelvin.
    static let gluedMagnitudes: [String: Int] = ["k": 3, "m": 6, "b": 9]

    /// Signs before a number, with the letters that may be glued in front ("US$", "C$").
    static let currencySigns: [String: String] = [
        "$": "USD", "€": "EUR", "£": "GBP", "₽": "RUB", "₴": "UAH", "¥": "JPY", "₹": "INR", "₺": "TRY", "₩": "KRW",
    ]
    static let dollarPrefixes: [String: String] = [
        "us": "USD", "c": "CAD", "ca": "CAD", "a": "AUD", "au": "AUD", "nz": "NZD", "hk": "HKD", "s": "SGD",
    ]
    /// ISO codes, recognised in capitals before or after the number.
    static let currencyCodes: Set<String> = [
        "usd", "eur", "gbp", "rub", "uah", "cny", "jpy", "chf", "cad", "aud", "pln", "try", "inr", "byn", "kzt",
        "huf", "czk", "sek", "nok", "dkk", "ils", "sar", "aed",
    ]
    /// Currency names after a number ("3 billion roubles").
    static let currencyWords: [String: String] = [
        "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP", "pounds": "GBP",
        "sterling": "GBP", "rouble": "RUB", "roubles": "RUB", "ruble": "RUB", "rubles": "RUB", "hryvnia": "UAH",
        "hryvnias": "UAH", "hryvnas": "UAH", "hryvnyas": "UAH", "hryvnya": "UAH", "yuan": "CNY", "renminbi": "CNY",
        "yen": "JPY", "zloty": "PLN", "zlotys": "PLN", "lira": "TRY", "liras": "TRY", "rupees": "INR",
        "francs": "CHF",
    ]

    /// Hedges before a figure, longest first within each starting word; the value is what is reported.
    static let qualifiers: [(words: [String], canonical: String)] = [
        (["more", "than"], "more than"), (["as", "many", "as"], "as many as"), (["as", "high", "as"], "as high as"),
        (["as", "much", "as"], "as many as"), (["up", "to"], "up to"), (["at", "least"], "at least"),
        (["at", "most"], "at most"), (["fewer", "than"], "fewer than"), (["less", "than"], "less than"),
        (["close", "to"], "close to"), (["an", "estimated"], "an estimated"), (["nearly"], "nearly"),
        (["about"], "about"), (["over"], "over"), (["exceeding"], "exceeding"), (["almost"], "almost"),
        (["around"], "around"), (["roughly"], "roughly"), (["approximately"], "approximately"),
        (["approx"], "approximately"), (["under"], "under"), (["some"], "some"),
    ]

    static let months: Set<String> = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ]
    static let weekdays: Set<String> = [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "tues", "wed",
        "thu", "thur", "thurs", "fri", "sat", "sun",
    ]
    /// Months that are also ordinary words count only when capitalised ("in May", not "may 5").
    static let ambiguousMonths: Set<String> = ["march", "may", "jan", "mar", "sep"]

    /// Words after a clock reading: "5 p.m.", "0600 GMT", "14:00 local time".
    static let clockWords: Set<String> = ["am", "pm", "gmt", "utc", "cet", "cest", "eet", "eest", "msk", "est", "edt", "bst", "hrs", "h"]

    /// Words before a number that make it a name, not a quantity: "Article 5", "Resolution 2231".
    static let identifierWords: Set<String> = [
        "article", "articles", "resolution", "resolutions", "no", "nos", "number", "flight", "section", "chapter",
        "paragraph", "clause", "protocol", "decree", "route", "highway", "road", "room", "platform", "gate",
        "terminal", "channel", "phase", "stage", "level", "page", "pages", "item", "point", "points", "model",
        "version", "apollo", "boeing", "airbus", "unit", "tier", "grade", "category", "amendment", "rule", "rules",
        "line", "block", "building", "reactor", "bill", "law", "order", "directive", "regulation", "minsk",
        "lot", "batch", "season", "episode", "volume", "vol", "ward", "district", "zone", "sector", "square",
    ]

    /// Suffixes glued to digits that make an ordinal ("21st") or a decade ("1990s").
    static let ordinalSuffixes: Set<String> = ["st", "nd", "rd", "th", "s"]

    static let percentWords: Set<String> = ["percent", "pct", "pc"]
}
