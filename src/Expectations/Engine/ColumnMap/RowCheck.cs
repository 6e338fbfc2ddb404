namespace Expectations.Engine.ColumnMap;

/// <summary>
/// A row-level condition over one column, specialised for the column's kind when the expectation binds.
/// Records, so equal checks on the same column are computed once. Counting is the hot path (vectorized
/// where it pays); locating unexpected rows runs only while samples are still wanted.
/// </summary>
internal abstract record RowCheck
{
    /// <summary>Whether nulls are checked too (the null expectations); otherwise they are missing and skipped.</summary>
    public virtual bool ChecksNulls => false;

    /// <summary>Number of unexpected rows in <paramref name="batch"/>.</summary>
    public abstract int CountUnexpected(ColumnBatch batch);

    /// <summary>Whether row <paramref name="row"/> (valid unless <see cref="ChecksNulls"/>) is unexpected.</summary>
    public abstract bool IsUnexpected(ColumnBatch batch, int row);

    /// <summary>
    /// Whether <paramref name="statistics"/> of a part of <paramref name="rowCount"/> rows prove that none of its
    /// rows is unexpected, so the part need not be decoded for this check. False when in doubt.
    /// </summary>
    public virtual bool ProvesNoneUnexpected(ColumnStatistics statistics, long rowCount) => false;

    /// <summary>Local indices of the first <paramref name="limit"/> unexpected rows, ascending.</summary>
    public void FindUnexpected(ColumnBatch batch, List<int> rows, int limit)
    {
        for (var i = 0; i < batch.Length && rows.Count < limit; i++)
        {
            if ((ChecksNulls || batch.IsValid(i)) && IsUnexpected(batch, i))
            {
                rows.Add(i);
            }
        }
    }
}

/// <summary>
/// The metric "rows of <paramref name="Column"/> failing <paramref name="Check"/>", keeping <paramref name="SampleCap"/>
/// samples, each with the values of <paramref name="RowColumns"/> in its row when any are given.
/// </summary>
internal sealed record RowCheckMetric(string Column, RowCheck Check, int SampleCap, ValueList<string> RowColumns = default) : MetricKey<MapResult>, IRowSampling
{
    public override IReadOnlyList<string> Columns => RowColumns.Count == 0 ? [Column] : [.. RowColumns.Prepend(Column).Distinct(StringComparer.Ordinal)];

    public MetricKey<MapResult> WithRowColumns(ValueList<string> rowColumns) => this with { RowColumns = rowColumns };

    public override MetricAccumulator CreateAccumulator(MetricContext context) => new Accumulator(this);

    private sealed class Accumulator(RowCheckMetric key) : MapAccumulator(key.SampleCap, key.RowColumns)
    {
        private readonly List<int> _rows = [];

        public override void Add(DataChunk chunk)
        {
            var batch = chunk[key.Column];
            Elements += batch.Length;
            if (!key.Check.ChecksNulls)
            {
                Missing += batch.NullCount;
            }

            var n = key.Check.CountUnexpected(batch);
            Unexpected += n;
            if (n > 0 && Samples.Room > 0)
            {
                _rows.Clear();
                key.Check.FindUnexpected(batch, _rows, Samples.Room);
                foreach (var r in _rows)
                {
                    Samples.Add(chunk, r, batch.GetJsonValue(r));
                }
            }
        }

        public override bool TryAddStatistics(IDataPartition partition)
        {
            // Only a part proven free of unexpected rows is skipped: then it adds no samples, and its counts are known.
            if (partition.GetStatistics(key.Column) is not { NullCount: { } nulls } statistics
                || !((!key.Check.ChecksNulls && nulls == partition.RowCount) || key.Check.ProvesNoneUnexpected(statistics, partition.RowCount)))
            {
                return false;
            }

            Elements += partition.RowCount;
            if (!key.Check.ChecksNulls)
            {
                Missing += nulls;
            }

            return true;
        }
    }
}
