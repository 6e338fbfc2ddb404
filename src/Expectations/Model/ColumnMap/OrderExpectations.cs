namespace Expectations;

/// <summary>
/// GX <c>expect_column_values_to_be_increasing</c>: each non-null value is at least the previous non-null value
/// (greater, with <see cref="Strictly"/>), in row order. The first value passes; nulls are skipped, and the next
/// value is compared with the last value before them. NaN is unexpected and does not become the previous value.
/// Numbers, timestamps and text (ordinal, code-point order) are ordered. Example: <c>[1, 2, 2, 5]</c> passes, and
/// fails on the second 2 with <c>strictly</c>.
/// </summary>
public sealed record ColumnValuesToBeIncreasing : ColumnMapExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_values_to_be_increasing";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>Whether equal consecutive values are unexpected.</summary>
    [Kwarg("strictly")]
    public bool? Strictly { get; init; }

    /// <summary>GX's deprecated flag: accepted for old suites; a text column with it set is an error (load the column as timestamps).</summary>
    [Kwarg("parse_strings_as_datetimes")]
    public bool? ParseStringsAsDatetimes { get; init; }
}

/// <summary>
/// GX <c>expect_column_values_to_be_decreasing</c>: each non-null value is at most the previous non-null value
/// (smaller, with <see cref="Strictly"/>), in row order; the rules of <see cref="ColumnValuesToBeIncreasing"/>
/// mirrored. Example: <c>[5, 3, 3, 1]</c> passes, and fails on the second 3 with <c>strictly</c>.
/// </summary>
public sealed record ColumnValuesToBeDecreasing : ColumnMapExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_values_to_be_decreasing";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>Whether equal consecutive values are unexpected.</summary>
    [Kwarg("strictly")]
    public bool? Strictly { get; init; }

    /// <summary>GX's deprecated flag: accepted for old suites; a text column with it set is an error (load the column as timestamps).</summary>
    [Kwarg("parse_strings_as_datetimes")]
    public bool? ParseStringsAsDatetimes { get; init; }
}
