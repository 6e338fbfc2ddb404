using System.Globalization;
using Expectations.Model;

namespace Expectations;

/// <summary>
/// <c>expect_column_max_to_be_recent</c> (not in GX): the newest timestamp of <see cref="ColumnExpectation.Column"/> is at
/// most <see cref="MaxAge"/> older than <see cref="AsOf"/> — a feature table that is still being updated. With
/// <see cref="GroupBy"/>, every group's newest timestamp must be that recent, and the result lists the stale groups
/// (partitions, tenants, sensors) with their last timestamp, the oldest first. The observed value is the age, in
/// seconds, of the newest row (negative when it lies after <c>as_of</c>); a column without values fails, saying so. Nulls are left out.
/// </summary>
public sealed record ColumnMaxToBeRecent : ColumnExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_max_to_be_recent";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>The greatest age allowed, an ISO-8601 duration such as <c>P1D</c> or <c>PT36H</c>.</summary>
    [Kwarg("max_age", Required = true)]
    public string MaxAge { get; init; } = "";

    /// <summary>
    /// The time ages are measured from: an ISO-8601 timestamp (UTC unless it says otherwise) or a suite parameter
    /// (<c>{"$PARAMETER": "now()"}</c>); null means the time the expectation is evaluated.
    /// </summary>
    [Kwarg("as_of")]
    public Scalar? AsOf { get; init; }

    /// <summary>Columns whose combinations are groups that must each be recent, or null for the whole column.</summary>
    [Kwarg("group_by")]
    public ValueList<string>? GroupBy { get; init; }

    /// <summary>The columns read: the timestamp column, then the group columns.</summary>
    public override IReadOnlyList<string> CheckedColumns => [Column, .. GroupBy ?? default];

    internal TimeSpan MaxAgeValue => IsoDuration.Parse(MaxAge);

    /// <summary><see cref="AsOf"/> as UTC ticks, or null for none.</summary>
    internal long? AsOfTicks => AsOf is { IsNull: false, IsParameter: false } s && TryTimestamp(s, out var t) ? t.Ticks : null;

    /// <inheritdoc />
    protected override void CheckArguments(ArgumentErrors errors)
    {
        base.CheckArguments(errors);
        if (!IsoDuration.TryParse(MaxAge, out _, out var error))
        {
            errors.Add("max_age", error);
        }

        if (AsOf is { IsNull: false, IsParameter: false } asOf && !TryTimestamp(asOf, out _))
        {
            errors.Add("as_of", $"must be an ISO-8601 timestamp such as 2024-06-01T00:00:00Z, or a suite parameter; got {asOf}");
        }

        if (GroupBy is { } groups)
        {
            if (groups.Count == 0)
            {
                errors.Add("group_by", "must name at least one column, or be left out");
            }
            else if (groups.Any(string.IsNullOrEmpty) || groups.Distinct(StringComparer.Ordinal).Count() != groups.Count || groups.Contains(Column))
            {
                errors.Add("group_by", "must name distinct columns other than the timestamp column");
            }
        }
    }

    private static bool TryTimestamp(Scalar s, out DateTime value)
    {
        value = default;
        return s.Kind == ScalarKind.String
            && DateTime.TryParse(s.AsString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
    }
}
