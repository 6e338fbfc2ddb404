using Expectations.Engine.ColumnMap;
using Expectations.Model;
using DotNetRegex = System.Text.RegularExpressions.Regex;

namespace Expectations.Engine.Checks;

internal sealed class MatchRegexListEvaluator(ColumnValuesToMatchRegexList e) : ColumnMapEvaluator<ColumnValuesToMatchRegexList>(e)
{
    protected override RowCheck CreateCheck(ColumnInfo column) =>
        column.Kind == DataKind.String
            ? new PatternListCheck([.. Spec.RegexList.Select(PythonRegex.Create)], Spec.RegexList, Spec.MatchOn == MatchOn.All ? PatternListRule.MatchAll : PatternListRule.MatchAny)
            : throw Unsupported(column, "the column is not text");
}

internal sealed class NotMatchRegexListEvaluator(ColumnValuesToNotMatchRegexList e) : ColumnMapEvaluator<ColumnValuesToNotMatchRegexList>(e)
{
    protected override RowCheck CreateCheck(ColumnInfo column) =>
        column.Kind == DataKind.String
            ? new PatternListCheck([.. Spec.RegexList.Select(PythonRegex.Create)], Spec.RegexList, PatternListRule.MatchNone)
            : throw Unsupported(column, "the column is not text");
}

/// <summary>When a value passes a list of patterns.</summary>
internal enum PatternListRule
{
    /// <summary>At least one pattern matches.</summary>
    MatchAny,

    /// <summary>Every pattern matches.</summary>
    MatchAll,

    /// <summary>No pattern matches.</summary>
    MatchNone,
}

/// <summary>
/// Rows judged against several compiled patterns (regexes or translated LIKE patterns). Equality is by the
/// source patterns (<paramref name="Key"/>), so equal checks are computed once.
/// </summary>
internal sealed record PatternListCheck(DotNetRegex[] Regexes, ValueList<string> Key, PatternListRule Rule) : TextRowCheck
{
    protected override bool IsUnexpectedText(ReadOnlySpan<char> text)
    {
        switch (Rule)
        {
            case PatternListRule.MatchAll:
                foreach (var r in Regexes)
                {
                    if (!r.IsMatch(text))
                    {
                        return true;
                    }
                }

                return false;
            default:
                foreach (var r in Regexes)
                {
                    if (r.IsMatch(text))
                    {
                        // A match passes "any" and fails "none".
                        return Rule == PatternListRule.MatchNone;
                    }
                }

                return Rule == PatternListRule.MatchAny;
        }
    }

    protected override string Describe() => $"list [{string.Join(", ", Key.Select(k => $"'{k}'"))}]";

    /// <summary>Whether any pattern runs on the backtracking engine (LIKE patterns never do).</summary>
    protected override bool IsCostly { get; } = Regexes.Any(r => !r.Options.HasFlag(System.Text.RegularExpressions.RegexOptions.NonBacktracking));

    public bool Equals(PatternListCheck? other) => other is not null && Key == other.Key && Rule == other.Rule;

    public override int GetHashCode() => HashCode.Combine(Key, Rule);
}
