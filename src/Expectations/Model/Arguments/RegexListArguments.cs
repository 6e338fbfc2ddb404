namespace Expectations.Model;

internal static class RegexListArguments
{
    public static void CheckPatterns(this ValueList<string> patterns, ArgumentErrors errors, string argument)
    {
        if (patterns.Count == 0)
        {
            errors.Add(argument, "must hold at least one pattern");
        }

        for (var i = 0; i < patterns.Count; i++)
        {
            PythonRegex.Check(patterns[i], errors, $"{argument}[{i}]");
        }
    }
}
