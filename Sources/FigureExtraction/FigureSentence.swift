/// A sentence of a text as `FigureExtractor` splits it, with where it is in Unicode scalars, so
/// that a caller can extract the figures of a few sentences and get exactly the `Figure` values
/// (offsets included) that extracting the whole text would give for them.
public struct FigureSentence: Sendable {
    /// The sentence, a slice of the whole text.
    public var text: Substring
    /// Where `text` is, in Unicode scalars from the start of the whole text.
    public var scalars: Range<Int>
}
