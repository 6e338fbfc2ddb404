using Expectations.Data;
using Expectations.Engine;
using Expectations.Engine.ColumnMap;

namespace Expectations.Checks;

/// <summary>GX <c>expect_column_values_to_not_be_null</c>: every row (or <c>mostly</c> of them) holds a value.</summary>
public sealed record ColumnValuesToNotBeNull : ColumnMapExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_values_to_not_be_null";

    /// <inheritdoc />
    public override string Type => TypeName;
}

/// <summary>GX <c>expect_column_values_to_be_null</c>: every row (or <c>mostly</c> of them) is null.</summary>
public sealed record ColumnValuesToBeNull : ColumnMapExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_values_to_be_null";

    /// <inheritdoc />
    public override string Type => TypeName;
}

/// <summary>Nulls (or values) are the unexpected rows; counted from the batch's null count without touching values.</summary>
internal sealed record NullCheck(bool ExpectNull) : RowCheck
{
    public override bool ChecksNulls => true;

    public override int CountUnexpected(ColumnBatch batch) => ExpectNull ? batch.Length - batch.NullCount : batch.NullCount;

    public override bool ProvesNoneUnexpected(ColumnStatistics statistics, long rowCount) =>
        statistics.NullCount is { } nulls && (ExpectNull ? nulls == rowCount : nulls == 0);

    public override bool IsUnexpected(ColumnBatch batch, int row) => batch.IsValid(row) == ExpectNull;
}

internal sealed class NotNullEvaluator(ColumnValuesToNotBeNull e) : ColumnMapEvaluator<ColumnValuesToNotBeNull>(e)
{
    protected override bool CountsMissing => false;

    protected override RowCheck CreateCheck(ColumnInfo column) => new NullCheck(ExpectNull: false);
}

internal sealed class NullEvaluator(ColumnValuesToBeNull e) : ColumnMapEvaluator<ColumnValuesToBeNull>(e)
{
    protected override bool CountsMissing => false;

    protected override RowCheck CreateCheck(ColumnInfo column) => new NullCheck(ExpectNull: true);
}
