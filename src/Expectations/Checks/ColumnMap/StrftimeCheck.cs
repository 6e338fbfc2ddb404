using Expectations.Checks;
using Expectations.Data;
using Expectations.Engine.ColumnMap;

namespace Expectations.Checks
{
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
                _ = Strptime.Parse(StrftimeFormat ?? "");
            }
            catch (FormatException ex)
            {
                errors.Add("strftime_format", $"Unable to use provided strftime_format: {ex.Message}");
            }
        }
    }

    internal sealed class StrftimeEvaluator(ColumnValuesToMatchStrftimeFormat e) : ColumnMapEvaluator<ColumnValuesToMatchStrftimeFormat>(e)
    {
        protected override RowCheck CreateCheck(ColumnInfo column) =>
            column.Kind == DataKind.String
                ? new StrftimeCheck(Spec.StrftimeFormat)
                : throw Unsupported(column, $"values passed to {Spec.Type} must be of type string (timestamps are already dates: check them with expect_column_values_to_be_between)");
    }

    /// <summary>Rows whose text does not parse with a strptime format.</summary>
    internal sealed record StrftimeCheck(string Format) : TextRowCheck
    {
        private readonly Strptime _format = Strptime.Parse(Format);

        protected override bool IsUnexpectedText(ReadOnlySpan<char> text) => !_format.Matches(text);

        public bool Equals(StrftimeCheck? other) => other is not null && Format == other.Format;

        public override int GetHashCode() => Format.GetHashCode(StringComparison.Ordinal);
    }
}

namespace Expectations
{
    /// <summary>Date format verbs.</summary>
    public static partial class ColumnVerbs
    {
        /// <summary>Every value is a date in the Python strftime <paramref name="format"/> (GX <c>expect_column_values_to_match_strftime_format</c>).</summary>
        public static ColumnRules<string> MatchesStrftimeFormat(this ColumnRules<string> c, string format) =>
            c.Add(new ColumnValuesToMatchStrftimeFormat { Column = c.Name, StrftimeFormat = format });

        /// <summary>Every value is a date in the Python strftime <paramref name="format"/> (GX <c>expect_column_values_to_match_strftime_format</c>); the column must hold text.</summary>
        public static ColumnRules<Scalar> MatchesStrftimeFormat(this ColumnRules<Scalar> c, string format) =>
            c.Add(new ColumnValuesToMatchStrftimeFormat { Column = c.Name, StrftimeFormat = format });
    }
}
