namespace Expectations;

/// <summary>
/// The steps that turn a text into the form uniqueness compares (<c>normalize</c> of
/// <c>expect_column_values_to_be_unique</c> and <c>expect_compound_columns_to_be_unique</c>): two texts are duplicates
/// when their normalised forms are equal, byte for byte. The steps always run in this order, whichever are chosen:
/// <see cref="Whitespace"/>, then <see cref="Trim"/>, then <see cref="Case"/>. Whitespace is Unicode's: what
/// <see cref="char.IsWhiteSpace(char)"/> accepts (the White_Space property: tab, line feed, vertical tab, form feed, carriage
/// return, space, U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000). Only text columns are
/// normalised; results list the original values.
/// </summary>
/// <remarks>On the wire, <c>"normalize": true</c> is <see cref="All"/>, <c>false</c> (or no kwarg) <see cref="None"/>, and a
/// list names steps: <c>["trim", "case", "whitespace"]</c>.</remarks>
[Flags]
public enum TextNormalization
{
    /// <summary>Texts compare exactly (the default).</summary>
    None = 0,

    /// <summary><c>trim</c>: leading and trailing whitespace removed.</summary>
    Trim = 1,

    /// <summary>
    /// <c>case</c>: lower case by <see cref="string.ToLowerInvariant"/>'s invariant mapping, code point by code point, in no
    /// culture (so <c>I</c> becomes <c>i</c> whatever the machine's culture; no length-changing mappings such as <c>ß</c> to <c>ss</c>).
    /// </summary>
    Case = 2,

    /// <summary><c>whitespace</c>: each run of whitespace becomes one ASCII space.</summary>
    Whitespace = 4,

    /// <summary>Every step: what <c>"normalize": true</c> means.</summary>
    All = Trim | Case | Whitespace,
}
