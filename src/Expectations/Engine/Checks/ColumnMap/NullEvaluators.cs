using Expectations.Engine.ColumnMap;

namespace Expectations.Engine.Checks;

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
    // Every column has nullness: a null list, struct or map is a null value.
    public override ColumnShapes AcceptedShapes => ColumnShapes.All;

    protected override ListValues ListSemantics => ListValues.Whole;

    protected override bool CountsMissing => false;

    protected override RowCheck CreateCheck(ColumnInfo column) => new NullCheck(ExpectNull: false);
}

internal sealed class NullEvaluator(ColumnValuesToBeNull e) : ColumnMapEvaluator<ColumnValuesToBeNull>(e)
{
    // Every column has nullness: a null list, struct or map is a null value.
    public override ColumnShapes AcceptedShapes => ColumnShapes.All;

    protected override ListValues ListSemantics => ListValues.Whole;

    protected override bool CountsMissing => false;

    protected override RowCheck CreateCheck(ColumnInfo column) => new NullCheck(ExpectNull: true);
}
