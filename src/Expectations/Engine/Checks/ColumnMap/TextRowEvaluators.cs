using System.Buffers;
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

    public sealed override int CountUnexpected(ColumnBatch batch)
    {
        var strings = (StringBatch)batch;
        var data = strings.Data.Span;
        var offsets = strings.Offsets.Span;
        var validity = strings.Validity.Span;
        var count = 0;

        // Verdicts by value: hash → where the value's bytes sit in this batch (compared exactly on a hit) and the verdict.
        var memo = new Dictionary<ulong, (int Start, int Length, bool Unexpected)>();
        var remembering = true;
        var seen = 0;
        try
        {
            for (var i = 0; i < strings.Length; i++)
            {
                if (!Bitmap.IsValid(validity, i))
                {
                    continue;
                }

                var value = data[offsets[i]..offsets[i + 1]];
                bool unexpected;
                if (!remembering)
                {
                    unexpected = IsUnexpectedUtf8(value);
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
                        unexpected = IsUnexpectedUtf8(value);
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
            throw TimedOut(batch, ex);
        }

        return count;
    }

    public sealed override bool IsUnexpected(ColumnBatch batch, int row)
    {
        try
        {
            return IsUnexpectedUtf8(((StringBatch)batch).GetBytes(row));
        }
        catch (RegexMatchTimeoutException ex)
        {
            throw TimedOut(batch, ex);
        }
    }

    private ExpectationException TimedOut(ColumnBatch batch, RegexMatchTimeoutException ex) => new(
        $"The pattern {Describe()} took longer than {PythonRegex.MatchTimeout.TotalSeconds:0.#} s on one value of column '{batch.Name}' and was stopped: " +
        "it uses backreferences or lookarounds, which need the backtracking engine, and backtracks catastrophically on this data. Simplify the pattern (avoid nested quantifiers such as (a+)+).",
        ex);
}
