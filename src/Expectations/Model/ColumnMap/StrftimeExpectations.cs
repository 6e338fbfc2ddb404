using Expectations.Model;

namespace Expectations;

/// <summary>
/// GX <c>expect_column_values_to_match_strftime_format</c>: each non-null string is a date or time in
/// <see cref="StrftimeFormat"/>, exactly as Python's <c>datetime.strptime(value, format)</c> accepts it (C locale):
/// the whole value must be used, and the date must exist. Example: <c>strftime_format = "%Y-%m-%d"</c> accepts
/// <c>"2019-04-01"</c> and <c>"2019-4-1"</c>, rejects <c>"2019-02-30"</c> and <c>"01/04/2019"</c>.
/// </summary>
public sealed record ColumnValuesToMatchStrftimeFormat : ColumnMapExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_values_to_match_strftime_format";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>The format: Python <c>strptime</c> directives (<c>%Y %m %d %H %M %S %f %z %Z %a %A %b %B %p %I %j %U %W %w %y %c %x %X %G %V %u %%</c>).</summary>
    [Kwarg("strftime_format", Required = true)]
    public string StrftimeFormat { get; init; } = "";

    /// <inheritdoc />
    protected override void CheckArguments(ArgumentErrors errors)
    {
        base.CheckArguments(errors);
        try
        {
            _ = Model.StrftimeFormat.Parse(StrftimeFormat ?? "");
        }
        catch (FormatException ex)
        {
            errors.Add("strftime_format", $"Unable to use provided strftime_format: {ex.Message}");
        }
    }
}
