using System.Buffers;
using Expectations.Data;
using Expectations.Engine;
using Expectations.Engine.ColumnMap;

namespace Expectations.Checks;

/// <summary>
/// GX <c>expect_select_column_values_to_be_unique_within_record</c>: in each row, the columns of
/// <see cref="ColumnListExpectation.ColumnList"/> hold pairwise different values, for example
/// <c>column_list: ["home_team", "away_team"]</c> (no team plays itself). A row where two of them are equal is unexpected.
/// Numbers compare by value across column types (1 equals 1.0), a number never equals a text, NaN equals NaN, and
/// two nulls in a row the <see cref="ColumnListExpectation.IgnoreRowIf"/> rule keeps count as the same value (pandas'
/// <c>nunique(dropna=False)</c>).
/// </summary>
public sealed record SelectColumnValuesToBeUniqueWithinRecord : ColumnListExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_select_column_values_to_be_unique_within_record";

    /// <inheritdoc />
    public override string Type => TypeName;
}

/// <summary>
/// GX <c>expect_multicolumn_values_to_be_unique</c>, deprecated by GX in favour of
/// <c>expect_select_column_values_to_be_unique_within_record</c> and checked exactly like it: in each row, the
/// columns of <see cref="ColumnListExpectation.ColumnList"/> hold pairwise different values,
/// for example <c>column_list: ["primary_email", "backup_email"]</c>. Kept so that older suites run unchanged.
/// </summary>
public sealed record MulticolumnValuesToBeUnique : ColumnListExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_multicolumn_values_to_be_unique";

    /// <inheritdoc />
    public override string Type => TypeName;
}

/// <summary>Evaluates both names of the within-record uniqueness check.</summary>
internal sealed class UniqueWithinRecordEvaluator<T>(T e) : MapEvaluator<T>(e) where T : ColumnListExpectation
{
    protected override double Mostly => Spec.Mostly ?? 1.0;

    protected override MetricKey<MapResult> CreateMetric(Binding binding, int sampleCap)
    {
        foreach (var column in Spec.ColumnList)
        {
            binding.Column(column);
        }

        return new RowsCheckMetric(Spec.ColumnList, DistinctWithinRowCheck.Instance, Spec.IgnoreRowIf, sampleCap);
    }
}

/// <summary>Rows where two of the columns hold equal values, or are both null: every pair of columns, a batch at a time.</summary>
internal sealed record DistinctWithinRowCheck : RowsCheck
{
    public static DistinctWithinRowCheck Instance { get; } = new();

    public override void MarkUnexpected(ColumnBatch[] batches, ReadOnlySpan<byte> anyMissing, byte[] unexpected)
    {
        var bytes = anyMissing.Length;
        var pair = ArrayPool<byte>.Shared.Rent(bytes);
        try
        {
            for (var i = 0; i < batches.Length; i++)
            {
                for (var j = i + 1; j < batches.Length; j++)
                {
                    ValueEquality.MarkBothMissing(batches[i], batches[j], unexpected);
                    if (!ValueEquality.CanBeEqual(batches[i].Kind, batches[j].Kind))
                    {
                        continue;
                    }

                    Array.Clear(pair, 0, bytes);
                    ValueEquality.MarkEqual(batches[i], batches[j], pair, nanEqualsNaN: true);
                    for (var k = 0; k < bytes; k++)
                    {
                        unexpected[k] |= pair[k];
                    }
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(pair);
        }
    }
}
