using Expectations.Engine.Checks;

namespace Expectations;

/// <summary>
/// GX <c>expect_column_values_to_be_dateutil_parseable</c>: each non-null string reads as a date or time the way
/// Python's <c>dateutil.parser.parse</c> would read it. Expectations does not run dateutil; it accepts the set of
/// forms documented on <see cref="DateutilLike"/> (ISO-8601, US and European numeric dates, month names, ctime,
/// RFC 1123, times alone). Example: accepts <c>"2003-09-25T10:49:41"</c>, <c>"Sep 25 2003"</c>, <c>"01/02/2003"</c>; rejects <c>"cat"</c>.
/// </summary>
public sealed record ColumnValuesToBeDateutilParseable : ColumnMapExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_values_to_be_dateutil_parseable";

    /// <inheritdoc />
    public override string Type => TypeName;
}

/// <summary>
/// GX <c>expect_column_values_to_be_json_parseable</c>: each non-null string is one complete JSON value (RFC 8259:
/// an object, array, string, number, <c>true</c>, <c>false</c> or <c>null</c>, with surrounding whitespace).
/// Example: accepts <c>{"a": 1}</c> and <c>[1, 2]</c>; rejects <c>{a: 1}</c> and <c>"abc</c>.
/// </summary>
public sealed record ColumnValuesToBeJsonParseable : ColumnMapExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_values_to_be_json_parseable";

    /// <inheritdoc />
    public override string Type => TypeName;
}
