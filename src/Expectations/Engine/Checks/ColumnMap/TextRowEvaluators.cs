using System.Buffers;
using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Expectations.Engine.ColumnMap;
using Expectations.Kernels;
using Expectations.Model;

namespace Expectations.Engine.Checks;

/// <summary>
/// A row check over text values that looks at each value on its own (patterns, parsers). Each row's UTF-8 is
/// decoded into one reused char buffer (stack, else pooled), so no string is allocated per row; checks that can
/// work on the UTF-8 bytes directly override <see cref="IsUnexpectedUtf8"/> and skip the decoding.
/// Low-cardinality columns (labels, codes, categories — what Parquet writers dictionary-encode) are checked once per
/// distinct value of a batch: verdicts are remembered by the value's bytes while the column proves repetitive.
/// </summary>
internal abstract record TextRowCheck : RowCheck
{
    private const int StackChars = 256;

    /// <summary>Whether the text <paramref name="text"/> is unexpected.</summary>
    protected abstract bool IsUnexpectedText(ReadOnlySpan<char> text);

    /// <summary>What the check runs, for the message when a pattern runs out of time.</summary>
    protected virtual string Describe() => GetType().Name;

    /// <summary>Whether the UTF-8 text <paramref name="utf8"/> is unexpected; decodes to chars unless overridden.</summary>
    protected virtual bool IsUnexpectedUtf8(ReadOnlySpan<byte> utf8)
    {
        // UTF-8 never decodes to more chars than bytes: a buffer of the byte length always fits.
        char[]? rented = utf8.Length > StackChars ? ArrayPool<char>.Shared.Rent(utf8.Length) : null;
        Span<char> chars = rented ?? stackalloc char[StackChars];
        try
        {
            var n = Encoding.UTF8.GetChars(utf8, chars);
            return IsUnexpectedText(chars[..n]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Distinct values remembered per batch at most.</summary>
    internal const int MemoCapacity = 4096;

    /// <summary>Rows looked at before deciding whether the column repeats enough for remembering to pay.</summary>
    internal const int MemoProbeRows = 1024;

    /// <summary>
    /// Whether one value can take long enough that the run's <see cref="CheckBudget"/> must be watched (a pattern on the
    /// backtracking engine, a JSON schema); such checks time each value, the others never look at the clock.
    /// </summary>
    protected virtual bool IsCostly => false;

    public sealed override int CountUnexpected(ColumnBatch batch) => CountUnexpected(batch, CheckBudget.Unlimited);

    public sealed override int CountUnexpected(ColumnBatch batch, CheckBudget budget)
    {
        var strings = (StringBatch)batch;
        var data = strings.Data.Span;
        var offsets = strings.Offsets.Span;
        var validity = strings.Validity.Span;
        var count = 0;
        var timed = IsCostly && budget.IsLimited;

        // Verdicts by value: hash → where the value's bytes sit in this batch (compared exactly on a hit) and the verdict.
        var memo = new Dictionary<ulong, (int Start, int Length, bool Unexpected)>();
        var remembering = true;
        var seen = 0;
        var i = 0;
        try
        {
            for (; i < strings.Length; i++)
            {
                if (!Bitmap.IsValid(validity, i))
                {
                    continue;
                }

                var value = data[offsets[i]..offsets[i + 1]];
                bool unexpected;
                if (!remembering)
                {
                    unexpected = timed ? Timed(value, budget, batch, i) : IsUnexpectedUtf8(value);
                }
                else
                {
                    var hash = System.IO.Hashing.XxHash3.HashToUInt64(value);
                    if (memo.TryGetValue(hash, out var known) && data.Slice(known.Start, known.Length).SequenceEqual(value))
                    {
                        unexpected = known.Unexpected;
                    }
                    else
                    {
                        unexpected = timed ? Timed(value, budget, batch, i) : IsUnexpectedUtf8(value);
                        if (memo.Count < MemoCapacity)
                        {
                            memo.TryAdd(hash, (offsets[i], value.Length, unexpected));
                        }
                    }

                    // Mostly distinct values (e-mails, ids): hashing only costs, so stop remembering.
                    if (++seen == MemoProbeRows && memo.Count > MemoProbeRows / 2)
                    {
                        remembering = false;
                    }
                }

                if (unexpected)
                {
                    count++;
                }
            }
        }
        catch (RegexMatchTimeoutException ex)
        {
            throw TimedOut(batch, i, ex);
        }

        return count;
    }

    public sealed override bool IsUnexpected(ColumnBatch batch, int row) => IsUnexpected(batch, row, CheckBudget.Unlimited);

    public sealed override bool IsUnexpected(ColumnBatch batch, int row, CheckBudget budget)
    {
        try
        {
            var value = ((StringBatch)batch).GetBytes(row);
            return IsCostly && budget.IsLimited ? Timed(value, budget, batch, row) : IsUnexpectedUtf8(value);
        }
        catch (RegexMatchTimeoutException ex)
        {
            throw TimedOut(batch, row, ex);
        }
    }

    /// <summary>Checks one value and charges its time to <paramref name="budget"/>; stops the check once the budget is spent.</summary>
    private bool Timed(ReadOnlySpan<byte> value, CheckBudget budget, ColumnBatch batch, int row)
    {
        var start = Stopwatch.GetTimestamp();
        var unexpected = IsUnexpectedUtf8(value);
        if (budget.Spend(Stopwatch.GetTimestamp() - start))
        {
            throw new RowLimitException(
                $"{Kind} budget of {Seconds(budget.Limit)} exhausted at",
                row,
                $" of column '{batch.Name}': {Describe()} spent that long on this expectation's values and was stopped; the other expectations ran. " +
                $"Raise ValidationOptions.RegexBudget, or {Advice}.");
        }

        return unexpected;
    }

    /// <summary>What to change when the budget runs out.</summary>
    protected virtual string Advice =>
        "simplify the pattern (backreferences, lookarounds and atomic groups need the backtracking engine, where one value may take up to "
        + $"{PythonRegex.MatchTimeout.TotalMilliseconds:0} ms; avoid nested quantifiers such as (a+)+)";

    /// <summary>What the budget is called in messages: "regex" for patterns, "JSON schema" for schemas.</summary>
    protected virtual string Kind => "regex";

    private static string Seconds(TimeSpan t) => t.TotalSeconds >= 1 ? $"{t.TotalSeconds:0.###} s" : $"{t.TotalMilliseconds:0.###} ms";

    private RowLimitException TimedOut(ColumnBatch batch, int row, RegexMatchTimeoutException ex) => new(
        $"regex timed out after {ex.MatchTimeout.TotalMilliseconds:0} ms on",
        row,
        $" of column '{batch.Name}': {Describe()} uses backreferences, lookarounds or atomic groups, which need the backtracking engine, and backtracks catastrophically on this value; it was stopped, and the other expectations ran. " +
        "Simplify the pattern (avoid nested quantifiers such as (a+)+).",
        ex);
}
