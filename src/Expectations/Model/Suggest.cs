namespace Expectations.Model;

/// <summary>Finds the names closest to a misspelt one (edit distance), for "did you mean" messages.</summary>
internal static class Suggest
{
    public static IReadOnlyList<string> Closest(string wrong, IEnumerable<string> candidates, int take, bool onlyClose = false)
    {
        var scored = candidates
            .Select(c => (c, d: Distance(wrong, c)))
            .OrderBy(x => x.d).ThenBy(x => x.c, StringComparer.Ordinal)
            .ToList();
        var limit = Math.Max(3, wrong.Length / 2);
        var close = scored.Where(x => x.d <= limit || x.c.Contains(wrong, StringComparison.Ordinal) || wrong.Contains(x.c, StringComparison.Ordinal)).Take(take).Select(x => x.c).ToList();
        return close.Count > 0 || onlyClose ? close : scored.Take(take).Select(x => x.c).ToList();
    }

    public static int Distance(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            prev[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (prev, cur) = (cur, prev);
        }

        return prev[b.Length];
    }
}
