using System.Collections.Concurrent;
using System.Diagnostics;

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

    /// <summary>
    /// <see cref="CountUnexpected(ColumnBatch)"/>, spending from <paramref name="budget"/> where the per-value work can run
    /// long (backtracking regexes, JSON schemas): such checks override this; the others ignore the budget.
    /// </summary>
    /// <exception cref="RowLimitException">The budget ran out, or one value took too long, at a row of <paramref name="batch"/>.</exception>
    public virtual int CountUnexpected(ColumnBatch batch, CheckBudget budget) => CountUnexpected(batch);

    /// <summary><see cref="IsUnexpected(ColumnBatch, int)"/>, spending from <paramref name="budget"/> (see <see cref="CountUnexpected(ColumnBatch, CheckBudget)"/>).</summary>
    public virtual bool IsUnexpected(ColumnBatch batch, int row, CheckBudget budget) => IsUnexpected(batch, row);

    /// <summary>Local indices of the first <paramref name="limit"/> unexpected rows, ascending.</summary>
    public void FindUnexpected(ColumnBatch batch, List<int> rows, int limit) => FindUnexpected(batch, rows, limit, CheckBudget.Unlimited);

    /// <summary>Local indices of the first <paramref name="limit"/> unexpected rows, ascending, spending from <paramref name="budget"/>.</summary>
    public void FindUnexpected(ColumnBatch batch, List<int> rows, int limit, CheckBudget budget)
    {
        for (var i = 0; i < batch.Length && rows.Count < limit; i++)
        {
            if ((ChecksNulls || batch.IsValid(i)) && IsUnexpected(batch, i, budget))
            {
                rows.Add(i);
            }
        }
    }
}

/// <summary>
/// The time a row-check metric whose per-value work can run long (backtracking regexes, JSON schemas) may spend on its
/// values over a whole run (<see cref="ValidationOptions.RegexBudget"/>), shared by the workers of a partitioned run.
/// Thread-safe.
/// </summary>
internal sealed class CheckBudget
{
    private readonly long _limitTicks;
    private long _spent;

    public CheckBudget(TimeSpan limit)
    {
        Limit = limit;
        _limitTicks = limit == Timeout.InfiniteTimeSpan ? long.MaxValue : (long)(limit.TotalSeconds * Stopwatch.Frequency);
    }

    /// <summary>A budget that never runs out.</summary>
    public static CheckBudget Unlimited { get; } = new(Timeout.InfiniteTimeSpan);

    /// <summary>The whole budget.</summary>
    public TimeSpan Limit { get; }

    /// <summary>Whether this budget can run out at all (checks skip their timing when not).</summary>
    public bool IsLimited => _limitTicks != long.MaxValue;

    /// <summary>Adds <paramref name="stopwatchTicks"/> (<see cref="Stopwatch.GetTimestamp"/> units) to the time spent; true when the budget is now exhausted.</summary>
    public bool Spend(long stopwatchTicks) => Interlocked.Add(ref _spent, stopwatchTicks) > _limitTicks;
}

/// <summary>The budgets of one run, one per metric key (so equal keys of different workers share one).</summary>
internal sealed class CheckBudgets(TimeSpan limit)
{
    private readonly ConcurrentDictionary<MetricKey, CheckBudget> _budgets = new();

    /// <summary>Budgets that never run out (metrics created outside a run).</summary>
    public static CheckBudgets Unlimited { get; } = new(Timeout.InfiniteTimeSpan);

    /// <summary>The budget of <paramref name="key"/>.</summary>
    public CheckBudget For(MetricKey key) => limit == Timeout.InfiniteTimeSpan ? CheckBudget.Unlimited : _budgets.GetOrAdd(key, _ => new CheckBudget(limit));
}

/// <summary>
/// A row check stopped at local row <see cref="Row"/> of a batch (a regex timed out on it, or the budget ran out there).
/// The message is <c>{before} row {row}{after}</c>: <paramref name="before"/> ends with its preposition ("… on", "… at").
/// <see cref="RowCheckMetric"/> turns it into an <see cref="ExpectationException"/> naming the row's global index.
/// </summary>
internal sealed class RowLimitException(string before, int row, string after, Exception? inner = null)
    : Exception($"{before} local row {row}{after}", inner)
{
    /// <summary>The row of the batch the check was given.</summary>
    public int Row { get; } = row;

    /// <summary>The same stop at another local row (a list column maps an element to its list's row).</summary>
    public RowLimitException AtRow(int row) => new(before, row, after, InnerException);

    /// <summary>The error for the report, naming the row by its index in the data.</summary>
    public ExpectationException WithGlobalRow(long row) => new($"{before} row {row}{after}", InnerException ?? this);
}

/// <summary>
/// The metric "rows of <paramref name="Column"/> failing <paramref name="Check"/>", keeping <paramref name="SampleCap"/>
/// samples, each with the values of <paramref name="RowColumns"/> in its row when any are given.
/// </summary>
internal sealed record RowCheckMetric(string Column, RowCheck Check, int SampleCap, ValueList<string> RowColumns = default) : MetricKey<ColumnMapCounts>, IRowSampling
{
    public override IReadOnlyList<string> Columns => RowColumns.Count == 0 ? [Column] : [.. RowColumns.Prepend(Column).Distinct(StringComparer.Ordinal)];

    public MetricKey<ColumnMapCounts> WithRowColumns(ValueList<string> rowColumns) => this with { RowColumns = rowColumns };

    public override MetricAccumulator CreateAccumulator(MetricContext context) => new Accumulator(this, context.Budgets.For(this));

    private sealed class Accumulator(RowCheckMetric key, CheckBudget budget) : MapAccumulator(key.SampleCap, key.RowColumns)
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

            try
            {
                var n = key.Check.CountUnexpected(batch, budget);
                Unexpected += n;
                if (n > 0 && Samples.Room > 0)
                {
                    _rows.Clear();
                    key.Check.FindUnexpected(batch, _rows, Samples.Room, budget);
                    foreach (var r in _rows)
                    {
                        Samples.Add(chunk, r, batch.GetJsonValue(r));
                    }
                }
            }
            catch (RowLimitException stop)
            {
                throw stop.WithGlobalRow(chunk.GlobalIndex(stop.Row));
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
