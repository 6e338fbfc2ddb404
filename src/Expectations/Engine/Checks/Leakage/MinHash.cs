using System.Globalization;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;

namespace Expectations.Engine.Checks;

/// <summary>How texts become shingle sets: normalisation, then character or word n-grams.</summary>
internal sealed record Shingling(bool Case, bool Whitespace, bool Punctuation, ShingleUnit Unit, int N)
{
    public static Shingling Of(NearDuplicateExpectation e) => new(
        e.NormalizeValue.Contains("case"), e.NormalizeValue.Contains("whitespace"), e.NormalizeValue.Contains("punctuation"), e.Shingle ?? ShingleUnit.Char, e.NgramValue);

    /// <summary>The normalised text.</summary>
    public string Normalize(string text)
    {
        var sb = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var ch in text)
        {
            if (Punctuation && (char.IsPunctuation(ch) || char.IsSymbol(ch)))
            {
                continue;
            }

            if (Whitespace && char.IsWhiteSpace(ch))
            {
                pendingSpace = sb.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                sb.Append(' ');
                pendingSpace = false;
            }

            sb.Append(Case ? char.ToLowerInvariant(ch) : ch);
        }

        return sb.ToString();
    }

    /// <summary>
    /// Calls <paramref name="visit"/> with each shingle of normalised <paramref name="text"/> (repeats included): every
    /// run of N characters, or of N words; a text shorter than N is one shingle. An empty text has none.
    /// </summary>
    public void Visit(string text, ShingleVisitor visit)
    {
        if (text.Length == 0)
        {
            return;
        }

        if (Unit == ShingleUnit.Char)
        {
            if (text.Length <= N)
            {
                visit(text.AsSpan());
                return;
            }

            for (var i = 0; i + N <= text.Length; i++)
            {
                visit(text.AsSpan(i, N));
            }

            return;
        }

        // Words: the starts and ends of the whitespace-separated tokens; a shingle is the text from one word's start to a later word's end.
        var starts = new List<int>();
        var ends = new List<int>();
        for (var i = 0; i < text.Length;)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i == text.Length)
            {
                break;
            }

            starts.Add(i);
            while (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            ends.Add(i);
        }

        if (starts.Count == 0)
        {
            return;
        }

        var n = Math.Min(N, starts.Count);
        for (var w = 0; w + n <= starts.Count; w++)
        {
            // Words joined by one space, whatever whitespace separated them.
            var sb = new StringBuilder();
            for (var k = w; k < w + n; k++)
            {
                if (k > w)
                {
                    sb.Append(' ');
                }

                sb.Append(text.AsSpan(starts[k], ends[k] - starts[k]));
            }

            visit(sb.ToString().AsSpan());
        }
    }

    /// <summary>The distinct shingles of normalised <paramref name="text"/>, exactly (as strings).</summary>
    public HashSet<string> Set(string text)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        Visit(text, s => set.Add(s.ToString()));
        return set;
    }

    /// <summary>The exact Jaccard similarity of two shingle sets; two empty sets have none (0).</summary>
    public static double Jaccard(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        var both = 0;
        foreach (var s in small)
        {
            if (large.Contains(s))
            {
                both++;
            }
        }

        return (double)both / (a.Count + b.Count - both);
    }
}

/// <summary>Receives one shingle.</summary>
internal delegate void ShingleVisitor(ReadOnlySpan<char> shingle);

/// <summary>
/// MinHash signatures and LSH band keys. Each shingle is hashed once (XxHash3 of its UTF-16), and hash function i maps
/// that to <c>(a_i·x + b_i) mod (2^61 − 1)</c> with fixed pseudo-random <c>a_i</c>, <c>b_i</c> (a fixed seed, so runs
/// are reproducible); the signature holds each function's least value over the text's shingles. Two texts agree on one
/// signature position with probability equal to their Jaccard similarity; with <see cref="Bands"/> bands of
/// <see cref="Rows"/> positions, a pair at similarity s shares at least one band with probability 1 − (1 − s^r)^b.
/// </summary>
internal sealed class MinHasher
{
    private const ulong Prime = (1UL << 61) - 1;

    /// <summary>The recall at the threshold that the banding aims for: the fewest candidates among bandings that reach it.</summary>
    public const double TargetRecall = 0.95;

    private readonly ulong[] _a;
    private readonly ulong[] _b;
    private readonly ulong[] _signature;
    private readonly Shingling _shingling;

    public MinHasher(Shingling shingling, int numPerm, double threshold)
    {
        _shingling = shingling;
        (Bands, Rows) = ChooseBanding(numPerm, threshold);
        var state = 0x9E3779B97F4A7C15UL ^ (ulong)numPerm;
        _a = new ulong[numPerm];
        _b = new ulong[numPerm];
        for (var i = 0; i < numPerm; i++)
        {
            _a[i] = 1 + (SplitMix(ref state) % (Prime - 1));
            _b[i] = SplitMix(ref state) % Prime;
        }

        _signature = new ulong[numPerm];
    }

    /// <summary>LSH bands.</summary>
    public int Bands { get; }

    /// <summary>Signature positions per band.</summary>
    public int Rows { get; }

    /// <summary>The probability that a pair of Jaccard similarity <paramref name="s"/> becomes a candidate.</summary>
    public double CandidateProbability(double s) => 1 - Math.Pow(1 - Math.Pow(s, Rows), Bands);

    /// <summary>
    /// The banding (b bands of r rows, b·r ≤ <paramref name="numPerm"/>) for <paramref name="threshold"/>: among those whose
    /// probability of catching a pair at the threshold is at least <see cref="TargetRecall"/>, the one that lets through the
    /// fewest dissimilar pairs (least ∫₀^t P(s) ds); when none reaches the target, the one with the highest recall.
    /// </summary>
    public static (int Bands, int Rows) ChooseBanding(int numPerm, double threshold)
    {
        (int, int) best = (numPerm, 1);
        var bestCost = double.MaxValue;
        var bestRecall = -1.0;
        var anyReaches = false;
        for (var r = 1; r <= numPerm; r++)
        {
            var b = numPerm / r;
            var recall = 1 - Math.Pow(1 - Math.Pow(threshold, r), b);
            var reaches = recall >= TargetRecall;
            var cost = FalsePositiveArea(b, r, threshold);
            if (reaches && (!anyReaches || cost < bestCost))
            {
                (best, bestCost, anyReaches) = ((b, r), cost, true);
            }
            else if (!anyReaches && recall > bestRecall)
            {
                (best, bestRecall) = ((b, r), recall);
            }
        }

        return best;
    }

    private static double FalsePositiveArea(int b, int r, double t)
    {
        const int Steps = 200;
        var sum = 0.0;
        for (var i = 0; i < Steps; i++)
        {
            var s = t * (i + 0.5) / Steps;
            sum += 1 - Math.Pow(1 - Math.Pow(s, r), b);
        }

        return sum * t / Steps;
    }

    /// <summary>
    /// Writes the band keys of normalised <paramref name="text"/> (one 64-bit hash of each band's signature positions,
    /// mixed with the band's number) into <paramref name="keys"/>; false when the text has no shingles.
    /// </summary>
    public bool BandKeys(string text, Span<ulong> keys)
    {
        var sig = _signature;
        Array.Fill(sig, ulong.MaxValue);
        var any = false;
        _shingling.Visit(text, shingle =>
        {
            any = true;
            var x = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(shingle)) % Prime;
            for (var i = 0; i < sig.Length; i++)
            {
                var h = MulAddMod(_a[i], x, _b[i]);
                if (h < sig[i])
                {
                    sig[i] = h;
                }
            }
        });
        if (!any)
        {
            return false;
        }

        Span<ulong> band = stackalloc ulong[Rows + 1];
        for (var k = 0; k < Bands; k++)
        {
            band[0] = (ulong)k;
            sig.AsSpan(k * Rows, Rows).CopyTo(band[1..]);
            keys[k] = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(band));
        }

        return true;
    }

    /// <summary>(a·x + b) mod 2^61 − 1, for a, x, b below the prime.</summary>
    private static ulong MulAddMod(ulong a, ulong x, ulong b)
    {
        var product = (UInt128)a * x + b;
        var folded = (ulong)(product & Prime) + (ulong)(product >> 61);
        folded = (folded & Prime) + (folded >> 61);
        return folded >= Prime ? folded - Prime : folded;
    }

    private static ulong SplitMix(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The recall and banding as the result states them.</summary>
    public string Describe(double threshold) => string.Create(CultureInfo.InvariantCulture, $"{Bands} bands of {Rows}: recall {CandidateProbability(threshold):0.####} at Jaccard {threshold}");
}
