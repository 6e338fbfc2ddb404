using System.Globalization;
using System.Text;

namespace Expectations.Architecture.Tests.Layers;

/// <summary>Checks a <see cref="LayerGraph"/> against a list of allowed (from, to) edges.</summary>
public static class LayerRules
{
    /// <summary>How many offending references a failure lists per forbidden edge.</summary>
    public const int ExamplesPerEdge = 5;

    /// <summary>
    /// Null when the graph has exactly the allowed edges; otherwise the failure message: each edge not in
    /// <paramref name="allowed"/> with up to <see cref="ExamplesPerEdge"/> references that make it, then each allowed
    /// edge that no code makes any more (a stale entry, to delete so that the list keeps guarding).
    /// </summary>
    public static string? Check(LayerGraph graph, IReadOnlySet<(string From, string To)> allowed, string listName = "the allowed list")
    {
        var forbidden = graph.Edges.Where(e => !allowed.Contains(e.Key)).ToList();
        var stale = allowed.Where(e => !graph.Edges.ContainsKey(e)).Order(LayerGraph.EdgeOrder).ToList();
        if (forbidden.Count == 0 && stale.Count == 0)
        {
            return null;
        }

        var sb = new StringBuilder();
        if (forbidden.Count > 0)
        {
            sb.Append(CultureInfo.InvariantCulture,
                $"{forbidden.Count} forbidden layer dependenc{(forbidden.Count == 1 ? "y" : "ies")} (not in {listName}; remove the use, or add the edge there with the reason it is fine):\n");
            foreach (var ((from, to), refs) in forbidden)
            {
                sb.Append(CultureInfo.InvariantCulture, $"  {from} → {to}: {refs.Count} reference{(refs.Count == 1 ? "" : "s")}, e.g.\n");
                foreach (var reference in refs.Take(ExamplesPerEdge))
                {
                    sb.Append("    ").Append(reference).Append('\n');
                }
            }
        }

        if (stale.Count > 0)
        {
            sb.Append(CultureInfo.InvariantCulture,
                $"{stale.Count} allowed edge{(stale.Count == 1 ? "" : "s")} no longer used by any code (delete the line from {listName}, so that it cannot come back unnoticed):\n");
            foreach (var (from, to) in stale)
            {
                sb.Append(CultureInfo.InvariantCulture, $"  (\"{from}\", \"{to}\")\n");
            }
        }

        return sb.ToString();
    }
}
