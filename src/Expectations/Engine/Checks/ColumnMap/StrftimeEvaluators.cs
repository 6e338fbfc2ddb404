using Expectations.Engine.ColumnMap;
using Expectations.Model;

namespace Expectations.Engine.Checks;

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
