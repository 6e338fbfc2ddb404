namespace Expectations.Model;

/// <summary>The wire form of <see cref="TextNormalization"/> (<c>normalize</c>: <c>true</c>, <c>false</c> or a list of step names) and its checks.</summary>
internal static class TextNormalizations
{
    /// <summary>The steps by wire name, in the order a list is written.</summary>
    public static IReadOnlyList<(string Name, TextNormalization Step)> Steps { get; } =
        [("trim", TextNormalization.Trim), ("case", TextNormalization.Case), ("whitespace", TextNormalization.Whitespace)];

    /// <summary>Adds an error when <paramref name="value"/> holds a bit that is no step (a cast from C#).</summary>
    public static void Check(TextNormalization value, ArgumentErrors errors)
    {
        if ((value & ~TextNormalization.All) != 0)
        {
            errors.Add("normalize", $"{(int)value} holds no known step; use TextNormalization.Trim, Case, Whitespace or All");
        }
    }

    /// <summary>The step named <paramref name="name"/> (ordinal, as written), or null.</summary>
    public static TextNormalization? Parse(string? name)
    {
        foreach (var (n, step) in Steps)
        {
            if (string.Equals(n, name, StringComparison.Ordinal))
            {
                return step;
            }
        }

        return null;
    }

    /// <summary>The names of the steps in <paramref name="value"/>, in wire order.</summary>
    public static IEnumerable<string> Names(TextNormalization value) => Steps.Where(s => (value & s.Step) != 0).Select(s => s.Name);

    /// <summary>How a message shows <paramref name="value"/>: <c>true</c> for every step, otherwise the list.</summary>
    public static string Describe(TextNormalization value) =>
        value == TextNormalization.All ? "true" : "[" + string.Join(", ", Names(value).Select(n => $"\"{n}\"")) + "]";
}
