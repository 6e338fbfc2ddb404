namespace Expectations.Engine;

/// <summary>
/// Splits a run's metrics into groups that read disjoint columns, so one part (a row group) can be validated
/// by several tasks at once, each decoding only its group's columns. Metrics that share a column (directly or
/// through a chain: <c>a</c> with <c>a,b</c> with <c>b,c</c>) stay together, so no column is decoded twice
/// per part; those components are then bin-packed by estimated decode cost, costliest first into the lightest
/// group (LPT scheduling).
/// </summary>
internal static class ColumnGroups
{
    /// <summary>Estimated relative cost of decoding and checking a text column, against 1 for any other kind.</summary>
    internal const int TextColumnCost = 5;

    /// <summary>
    /// Splits the indices of <paramref name="keys"/> into at most <paramref name="groupCount"/> groups, costliest
    /// group first; every index is in exactly one group. Metrics that read no column, or whose state could not be
    /// created (<paramref name="skip"/>), decode nothing and join the first group.
    /// </summary>
    public static int[][] Split(IReadOnlyList<MetricKey> keys, IReadOnlyList<bool> skip, IReadOnlyDictionary<string, ColumnInfo> schema, int groupCount)
    {
        var all = Enumerable.Range(0, keys.Count).ToArray();
        if (groupCount <= 1 || keys.Count <= 1)
        {
            return [all];
        }

        // Union-find over column names: metrics that read a common column end up with one root.
        var parent = new Dictionary<string, string>(StringComparer.Ordinal);
        string Find(string column)
        {
            while (parent[column] is var up && !string.Equals(up, column, StringComparison.Ordinal))
            {
                parent[column] = parent[up];
                column = parent[column];
            }

            return column;
        }

        for (var k = 0; k < keys.Count; k++)
        {
            if (skip[k])
            {
                continue;
            }

            foreach (var column in keys[k].Columns)
            {
                parent.TryAdd(column, column);
            }

            var columns = keys[k].Columns;
            for (var c = 1; c < columns.Count; c++)
            {
                var (a, b) = (Find(columns[0]), Find(columns[c]));
                if (!string.Equals(a, b, StringComparison.Ordinal))
                {
                    parent[b] = a;
                }
            }
        }

        // Components in order of their first metric, so the split is deterministic.
        var components = new List<(List<int> Keys, long Cost)>();
        var componentOfRoot = new Dictionary<string, int>(StringComparer.Ordinal);
        var free = new List<int>();
        for (var k = 0; k < keys.Count; k++)
        {
            if (skip[k] || keys[k].Columns.Count == 0)
            {
                free.Add(k);
                continue;
            }

            var root = Find(keys[k].Columns[0]);
            if (!componentOfRoot.TryGetValue(root, out var c))
            {
                c = components.Count;
                componentOfRoot[root] = c;
                components.Add(([], 0));
            }

            var cost = keys[k].Columns.Sum(name => schema.TryGetValue(name, out var info) && info.Kind is DataKind.String or DataKind.Binary or DataKind.List ? TextColumnCost : 1);
            components[c].Keys.Add(k);
            components[c] = (components[c].Keys, components[c].Cost + cost);
        }

        var binCount = Math.Min(groupCount, components.Count);
        if (binCount <= 1)
        {
            return [all];
        }

        var bins = new (List<int> Keys, long Cost)[binCount];
        for (var b = 0; b < binCount; b++)
        {
            bins[b] = ([], 0);
        }

        // Stable sort: equal costs keep their first-metric order.
        foreach (var component in components.OrderByDescending(c => c.Cost))
        {
            var lightest = 0;
            for (var b = 1; b < binCount; b++)
            {
                if (bins[b].Cost < bins[lightest].Cost)
                {
                    lightest = b;
                }
            }

            bins[lightest].Keys.AddRange(component.Keys);
            bins[lightest].Cost += component.Cost;
        }

        var ordered = bins.OrderByDescending(b => b.Cost).ToArray();
        ordered[0].Keys.AddRange(free);
        return [.. ordered.Select(b => b.Keys.Order().ToArray())];
    }
}
