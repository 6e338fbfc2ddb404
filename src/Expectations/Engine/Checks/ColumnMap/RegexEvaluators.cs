using Expectations.Engine.ColumnMap;
using Expectations.Model;
using DotNetRegex = System.Text.RegularExpressions.Regex;

namespace Expectations.Engine.Checks;

internal sealed class MatchRegexEvaluator(ColumnValuesToMatchRegex e) : ColumnMapEvaluator<ColumnValuesToMatchRegex>(e)
{
    protected override RowCheck CreateCheck(ColumnInfo column) =>
        column.Kind == DataKind.String ? new RegexCheck(Spec.Regex, UnexpectedWhenMatch: false) : throw Unsupported(column, "the column is not text");
}

internal sealed class NotMatchRegexEvaluator(ColumnValuesToNotMatchRegex e) : ColumnMapEvaluator<ColumnValuesToNotMatchRegex>(e)
{
    protected override RowCheck CreateCheck(ColumnInfo column) =>
        column.Kind == DataKind.String ? new RegexCheck(Spec.Regex, UnexpectedWhenMatch: true) : throw Unsupported(column, "the column is not text");
}

/// <summary>Rows whose text contains (or does not contain) a match of a pattern.</summary>
internal sealed record RegexCheck(string Pattern, bool UnexpectedWhenMatch) : TextRowCheck
{
    private readonly DotNetRegex _regex = PythonRegex.Create(Pattern);

    protected override bool IsUnexpectedText(ReadOnlySpan<char> text) => _regex.IsMatch(text) == UnexpectedWhenMatch;

    protected override string Describe() => $"regex '{Pattern}'";

    /// <summary>Only a pattern on the backtracking engine (backreferences, lookarounds, atomic groups) can run long.</summary>
    protected override bool IsCostly => !_regex.Options.HasFlag(System.Text.RegularExpressions.RegexOptions.NonBacktracking);

    public bool Equals(RegexCheck? other) => other is not null && Pattern == other.Pattern && UnexpectedWhenMatch == other.UnexpectedWhenMatch;

    public override int GetHashCode() => HashCode.Combine(Pattern, UnexpectedWhenMatch);
}
