using System.Text.Json;
using Expectations.Engine.Aggregate;

namespace Expectations.Engine.Checks;

/// <summary>How a column of the pair becomes categories (GX's <c>get_binned_values</c>).</summary>
internal static class Binning
{

    /// <summary>
    /// One category index per row (every row gets one), numbered 0..count−1. Numbers: numpy's histogram edges
    /// (the last nudged up so the maximum falls inside), NaN/null as the last category. Others: codes, with
    /// values beyond the n most frequent (ties by first appearance) as "(other)" and nulls as "(missing)".
    /// </summary>
    public static (int[] Categories, int Count) Categorize(RowValues column, JsonElement? bins, int? nBins)
    {
        var n = nBins ?? 10;
        return column.IsNumeric ? Numeric(column.Numbers, bins, n) : Categorical(column, bins, n);
    }

    private static (int[], int) Numeric(ReadOnlySpan<double> values, JsonElement? bins, int n)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var v in values)
        {
            if (!double.IsNaN(v))
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
        }

        double[] edges;
        if (bins is { ValueKind: JsonValueKind.Array } given && given.EnumerateArray().All(x => x.ValueKind == JsonValueKind.Number))
        {
            var sortedEdges = given.EnumerateArray().Select(x => x.GetDouble()).Distinct().Order().ToList();
            if (min < sortedEdges[0])
            {
                sortedEdges.Insert(0, min);
            }

            if (max > sortedEdges[^1])
            {
                sortedEdges.Add(max);
            }

            edges = [.. sortedEdges];
        }
        else if (double.IsInfinity(min))
        {
            edges = [0, 1];
        }
        else
        {
            // numpy.histogram_bin_edges(values, bins=n): equal widths over [min, max], or ±0.5 around a constant.
            var (lo, hi) = min == max ? (min - 0.5, max + 0.5) : (min, max);
            edges = [.. Enumerable.Range(0, n + 1).Select(i => i == n ? hi : lo + ((hi - lo) * i / n))];
        }

        edges[^1] = Math.BitIncrement(edges[^1]);
        var binCount = edges.Length - 1;
        var result = new int[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var v = values[i];
            if (double.IsNaN(v))
            {
                result[i] = binCount;
                continue;
            }

            // numpy.digitize(v, edges) − 1: the last edge not above v.
            var j = Array.BinarySearch(edges, v);
            result[i] = Math.Clamp(j >= 0 ? j : ~j - 1, 0, binCount - 1);
        }

        return (result, binCount + 1);
    }

    private static (int[], int) Categorical(RowValues column, JsonElement? bins, int n)
    {
        var codes = column.Codes;
        var counts = column.CodeCounts;
        var distinct = counts.Count;
        var category = new int[distinct];
        int next;
        if (bins is { ValueKind: JsonValueKind.Array } groups && groups.EnumerateArray().All(x => x.ValueKind == JsonValueKind.Array))
        {
            // Each listed group is one category; unlisted values stay themselves.
            for (var c = 0; c < distinct; c++)
            {
                category[c] = -1;
            }

            next = 0;
            foreach (var group in groups.EnumerateArray())
            {
                var id = next++;
                foreach (var member in group.EnumerateArray())
                {
                    if (column.CodeOfValue(member) is { } c && category[c] < 0)
                    {
                        category[c] = id;
                    }
                }
            }

            for (var c = 0; c < distinct; c++)
            {
                if (category[c] < 0)
                {
                    category[c] = next++;
                }
            }
        }
        else if (distinct < n + 1)
        {
            for (var c = 0; c < distinct; c++)
            {
                category[c] = c;
            }

            next = distinct;
        }
        else
        {
            // The n most frequent values keep their category (ties: first seen first); the rest are "(other)".
            var ranked = Enumerable.Range(0, distinct).OrderByDescending(c => counts[c]).ThenBy(c => c).ToArray();
            for (var r = 0; r < ranked.Length; r++)
            {
                category[ranked[r]] = Math.Min(r, n);
            }

            next = n + 1;
        }

        var missing = next;
        var result = new int[codes.Length];
        for (var i = 0; i < codes.Length; i++)
        {
            result[i] = codes[i] < 0 ? missing : category[codes[i]];
        }

        return (result, missing + 1);
    }

    /// <summary>
    /// scipy's <c>chi2_contingency</c> statistic over the table of (<paramref name="a"/>, <paramref name="b"/>) after
    /// dropping empty rows and columns, and the table's shape; Yates' correction when the table is 2×2.
    /// </summary>
    public static (double ChiSquare, int Rows, int Columns, long Total) ChiSquare(int[] a, int aCount, int[] b, int bCount)
    {
        var table = new long[aCount, bCount];
        for (var i = 0; i < a.Length; i++)
        {
            table[a[i], b[i]]++;
        }

        var rowSums = new long[aCount];
        var colSums = new long[bCount];
        long total = 0;
        for (var r = 0; r < aCount; r++)
        {
            for (var c = 0; c < bCount; c++)
            {
                rowSums[r] += table[r, c];
                colSums[c] += table[r, c];
                total += table[r, c];
            }
        }

        var rows = Enumerable.Range(0, aCount).Where(r => rowSums[r] > 0).ToArray();
        var cols = Enumerable.Range(0, bCount).Where(c => colSums[c] > 0).ToArray();
        var dof = (rows.Length - 1) * (cols.Length - 1);
        if (dof == 0)
        {
            return (0, rows.Length, cols.Length, total);
        }

        double chi2 = 0;
        foreach (var r in rows)
        {
            foreach (var c in cols)
            {
                var expected = (double)rowSums[r] * colSums[c] / total;
                var observed = (double)table[r, c];
                if (dof == 1)
                {
                    // Yates: move each observed count half a unit towards its expected count (at most all the way).
                    var diff = expected - observed;
                    observed += Math.Sign(diff) * Math.Min(0.5, Math.Abs(diff));
                }

                chi2 += (observed - expected) * (observed - expected) / expected;
            }
        }

        return (chi2, rows.Length, cols.Length, total);
    }
}
